// SPDX-License-Identifier: GPL-2.0-or-later
/* netanomctl: live queries of the netanom kernel module. */
#include <time.h>

#include "cli.h"

static int open_real(void *arg, struct netanom **hp, struct netanom_error *err)
{
	(void)arg;
	return netanom_open(hp, err);
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

int main(int argc, char **argv)
{
	struct cli_ctx ctx = {
		.open = open_real,
		.out = stdout,
		.err = stderr,
		.now_ns = now_ns(),
	};
	int ret = cli_run(&ctx, argc, argv);

	/* "netanomctl show > /dev/full" must not succeed quietly. */
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, PROG ": error writing the output\n");
		if (ret == CLI_OK)
			ret = CLI_ERROR;
	}
	return ret;
}
