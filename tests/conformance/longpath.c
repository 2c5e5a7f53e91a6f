// SPDX-License-Identifier: GPL-2.0
/*
 * An executable whose path is nearly PATH_MAX long: the uapi header allows
 * NETANOM_A_EXE_PATH up to PATH_MAX bytes, so such an entry must be
 * readable by GET_EXE and by the dump like any other.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "helpers.h"

/* Long, but short enough for execve(2) and for "/exe" to follow. */
#define NC_LONG_PATH	(PATH_MAX - 64)
#define NC_COMPONENT	200

static int nc_copy_self(const char *dst)
{
	struct stat st;
	off_t off = 0;
	int src, fd, ok;

	src = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
	if (src < 0)
		return -1;
	fd = open(dst, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0755);
	ok = fd >= 0 && !fstat(src, &st) &&
	     sendfile(fd, src, &off, st.st_size) == st.st_size;
	close(src);
	if (fd >= 0 && close(fd))
		ok = 0;
	return ok ? 0 : -1;
}

static int nc_run(const char *path)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		execl(path, path, NC_CONNECT_ONCE, (char *)NULL);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) && !WEXITSTATUS(status) ? 0 : -1;
}

/* Remove @path/exe and every directory of @path down to @base. */
static void nc_cleanup(char *path, size_t base_len)
{
	char *slash;
	size_t len = strlen(path);

	strcat(path, "/exe");
	unlink(path);
	path[len] = '\0';
	while (strlen(path) >= base_len) {
		rmdir(path);
		slash = strrchr(path, '/');
		if (!slash || (size_t)(slash - path) < base_len)
			break;
		*slash = '\0';
	}
}

/**
 * nc_check_long_path() - an entry with a path of almost PATH_MAX bytes
 * @c: run
 */
void nc_check_long_path(struct nc *c)
{
	const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	char comp[NC_COMPONENT + 2];
	char *path = calloc(1, PATH_MAX + 8);
	struct nc_reply r;
	struct nc_exe e;
	struct stat st;
	size_t base_len;
	char why[256];
	int ok;

	if (!path) {
		nc_report(c, 0, "long_path_entry", "out of memory");
		return;
	}
	snprintf(path, PATH_MAX, "%s/netanom-conf-XXXXXX", tmp);
	if (!mkdtemp(path)) {
		nc_skip(c, "long_path_entry", "no writable temporary directory");
		free(path);
		return;
	}
	base_len = strlen(path);
	comp[0] = '/';
	memset(comp + 1, 'd', NC_COMPONENT);
	comp[NC_COMPONENT + 1] = '\0';
	while (strlen(path) + sizeof(comp) < NC_LONG_PATH) {
		strcat(path, comp);
		if (mkdir(path, 0755)) {
			nc_report(c, 0, "long_path_entry", "mkdir: %s",
				  strerror(errno));
			path[strlen(path) - NC_COMPONENT - 1] = '\0';
			nc_cleanup(path, base_len);
			free(path);
			return;
		}
	}
	strcat(path, "/exe");
	ok = !nc_copy_self(path) && !stat(path, &st) && !nc_run(path);
	if (!ok) {
		nc_report(c, 0, "long_path_entry", "cannot run %zu-byte path: %s",
			  strlen(path), strerror(errno));
	} else {
		ok = !nc_get_exe_key(c, st.st_dev, st.st_ino, &e, &r, why,
				     sizeof(why)) &&
		     !strcmp(e.path, path);
		nc_report(c, ok, "long_path_entry",
			  "GET_EXE of a %zu-byte path: %s", strlen(path),
			  why[0] ? why : "another path");
		nc_exe_free(&e);
	}
	path[strlen(path) - 4] = '\0';
	nc_cleanup(path, base_len);
	free(path);
}
