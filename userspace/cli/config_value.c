// SPDX-License-Identifier: GPL-2.0-or-later
/* The keys and values of "netanomctl config KEY VALUE". */
#include <strings.h>
#include <string.h>

#include "cli.h"

const struct cli_config_key cli_config_keys[] = {
	{ "enabled",	NETANOM_CONFIG_F_ENABLED },
	{ "count_unix",	NETANOM_CONFIG_F_COUNT_UNIX },
};

const size_t cli_config_nkeys =
	sizeof(cli_config_keys) / sizeof(cli_config_keys[0]);

/**
 * cli_config_key() - the flag a key names
 * @key: as typed
 * @flag: its NETANOM_CONFIG_F_* flag
 *
 * Return: 0, or -1 for an unknown key.
 */
int cli_config_key(const char *key, uint32_t *flag)
{
	size_t i;

	for (i = 0; i < cli_config_nkeys; i++) {
		if (!strcmp(key, cli_config_keys[i].name)) {
			*flag = cli_config_keys[i].flag;
			return 0;
		}
	}
	return -1;
}

/**
 * cli_bool_value() - 0/1/on/off/true/false, in any case
 * @s: as typed
 * @v: the value
 *
 * Return: 0, or -1 when @s is none of them.
 */
int cli_bool_value(const char *s, bool *v)
{
	static const char *const yes[] = { "1", "on", "true" };
	static const char *const no[] = { "0", "off", "false" };
	size_t i;

	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		if (!strcasecmp(s, yes[i])) {
			*v = true;
			return 0;
		}
		if (!strcasecmp(s, no[i])) {
			*v = false;
			return 0;
		}
	}
	return -1;
}
