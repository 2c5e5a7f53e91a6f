/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What an analyst wants to know about the process behind an alert, read
 * from /proc while it most likely still runs: its arguments, working
 * directory, parent, user name, and facts about its executable file.
 *
 * A process that is gone, or a field that cannot be read, is not an
 * error: the field stays empty and the alert goes out with what is known.
 */
#ifndef NETANOMD_ENRICH_H
#define NETANOMD_ENRICH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "hash.h"

/**
 * struct nd_enrich - facts about an alert's process and executable
 * @args: its arguments (process.args); NULL when unknown
 * @nargs: number of @args
 * @command_line: @args joined by blanks (process.command_line); NULL
 *	when unknown
 * @cwd: its working directory (process.working_directory); NULL when
 *	unknown
 * @ppid: its parent's pid (process.parent.pid); 0 when unknown
 * @parent_exe: the parent's executable (process.parent.executable); NULL
 *	when unknown
 * @user_name: name of the alert's uid (user.name); "" when unknown
 * @have_file: the executable had an absolute path: the three facts below
 *	hold
 * @deleted: the file is gone: /proc/PID/exe says " (deleted)", or the
 *	path no longer exists
 * @temp_dir: it lies below /tmp, /var/tmp or /dev/shm
 * @world_writable_dir: its directory is writable by everyone
 * @have_owner: the file itself (its device and inode) was found, under its
 *	path or through /proc/PID/exe: @owner_uid holds
 * @owner_uid: owner of the file; not root is unusual for a program
 * @sha256: SHA-256 of the executable (process.hash.sha256); "" when
 *	unknown
 */
struct nd_enrich {
	char **args;
	size_t nargs;
	char *command_line;
	char *cwd;
	pid_t ppid;
	char *parent_exe;
	char user_name[64];
	bool have_file;
	bool deleted;
	bool temp_dir;
	bool world_writable_dir;
	bool have_owner;
	uid_t owner_uid;
	char sha256[ND_SHA256_HEX];
};

/**
 * struct nd_enrich_subject - the process and file an alert is about, as
 *	the kernel reported them
 * @pid: last pid that used the network, 0 when unknown
 * @uid: its user
 * @exe: path of the executable; NULL when unknown
 * @dev: st_dev of the executable file
 * @ino: st_ino of the executable file
 */
struct nd_enrich_subject {
	pid_t pid;
	uid_t uid;
	const char *exe;
	uint64_t dev;
	uint64_t ino;
};

/**
 * nd_enrich_read() - gather what can be known about an alert's process
 * @en: filled in; free with nd_enrich_free() whatever the result
 * @proc: where procfs is mounted ("/proc"; tests pass a fake tree)
 * @hashes: digests already computed, for @en->sha256; NULL computes none
 * @who: the process and its executable file
 *
 * Facts about the file (owner, digest) come only from a file with
 * @who's device and inode: a path that now names another file must not
 * lend its facts to the alert.  Likewise the process's arguments,
 * directory and parent are read only while /proc/PID/exe is that file:
 * a pid taken since by another program is left alone.
 *
 * Return: 0, or -1 when out of memory (what was read is kept).
 */
int nd_enrich_read(struct nd_enrich *en, const char *proc,
		   struct nd_hash_cache *hashes,
		   const struct nd_enrich_subject *who);

/**
 * nd_enrich_facts() - the file facts in words, for event.reason
 * @en: the facts
 * @buf: output, "" when there is nothing unusual to say
 * @len: size of @buf
 *
 * For example "the file is deleted, in a temporary directory and owned
 * by uid 1000".
 *
 * Return: @buf.
 */
const char *nd_enrich_facts(const struct nd_enrich *en, char *buf,
			    size_t len);

/** nd_enrich_free() - free what @en holds; @en is then empty */
void nd_enrich_free(struct nd_enrich *en);

/**
 * nd_user_name() - the name of @uid from the user database
 * @uid: the user
 * @name: the name, "" when @uid has none
 * @len: size of @name
 */
void nd_user_name(uid_t uid, char *name, size_t len);

#endif /* NETANOMD_ENRICH_H */
