// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Reading an alert's process from /proc.  Every read may fail because the
 * process exited in between: each field is read on its own and simply
 * left empty when it cannot be.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "enrich.h"

/* Longest command line kept; the kernel's own limit is far larger. */
#define ND_CMDLINE_MAX	(64 * 1024)

/* Directories where anybody can drop a program. */
static const char *const temp_dirs[] = { "/tmp/", "/var/tmp/", "/dev/shm/" };

static char *read_link(const char *proc, pid_t pid, const char *what)
{
	char path[PATH_MAX], buf[PATH_MAX];
	ssize_t n;

	snprintf(path, sizeof(path), "%s/%d/%s", proc, (int)pid, what);
	n = readlink(path, buf, sizeof(buf) - 1);
	if (n < 0)
		return NULL;
	buf[n] = '\0';
	return strdup(buf);
}

/* The whole of a small /proc file, NUL-terminated; its length in *@lenp. */
static char *read_small(const char *path, size_t max, size_t *lenp)
{
	char *buf = malloc(max + 1);
	size_t len = 0;
	ssize_t n;
	int fd;

	if (!buf)
		return NULL;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		free(buf);
		return NULL;
	}
	while (len < max && (n = read(fd, buf + len, max - len)) > 0)
		len += (size_t)n;
	close(fd);
	buf[len] = '\0';
	*lenp = len;
	return buf;
}

/* /proc/PID/cmdline: NUL-separated arguments. */
static int read_args(struct nd_enrich *en, const char *proc, pid_t pid)
{
	char path[PATH_MAX], *buf, *p;
	size_t len, i;

	snprintf(path, sizeof(path), "%s/%d/cmdline", proc, (int)pid);
	buf = read_small(path, ND_CMDLINE_MAX, &len);
	if (!buf || !len) {
		free(buf);
		return 0;
	}
	for (i = 0, en->nargs = 0; i < len; i++)
		if (!buf[i] || i == len - 1)
			en->nargs++;
	en->args = calloc(en->nargs, sizeof(*en->args));
	if (!en->args)
		goto nomem;
	for (p = buf, i = 0; i < en->nargs; i++, p += strlen(p) + 1) {
		en->args[i] = strdup(p);
		if (!en->args[i])
			goto nomem;
	}
	/* The command line is the arguments joined by blanks. */
	for (i = 0; i + 1 < len; i++)
		if (!buf[i])
			buf[i] = ' ';
	en->command_line = strdup(buf);
	free(buf);
	return en->command_line ? 0 : -1;
nomem:
	free(buf);
	return -1;
}

static pid_t read_ppid(const char *proc, pid_t pid)
{
	char path[PATH_MAX], line[256];
	int ppid = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%d/status", proc, (int)pid);
	f = fopen(path, "re");
	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "PPid: %d", &ppid) == 1)
			break;
	fclose(f);
	return ppid > 0 ? ppid : 0;
}

void nd_user_name(uid_t uid, char *name, size_t len)
{
	struct passwd pw, *res = NULL;
	char buf[4096];

	name[0] = '\0';
	if (!getpwuid_r(uid, &pw, buf, sizeof(buf), &res) && res)
		snprintf(name, len, "%s", res->pw_name);
}

static void read_user(struct nd_enrich *en, uid_t uid)
{
	nd_user_name(uid, en->user_name, sizeof(en->user_name));
}

static bool in_temp_dir(const char *exe)
{
	size_t i;

	for (i = 0; i < sizeof(temp_dirs) / sizeof(temp_dirs[0]); i++)
		if (!strncmp(exe, temp_dirs[i], strlen(temp_dirs[i])))
			return true;
	return false;
}

/* Anybody may write to the directory holding @exe. */
static bool dir_world_writable(const char *exe)
{
	char dir[PATH_MAX], *slash;
	struct stat st;

	snprintf(dir, sizeof(dir), "%s", exe);
	slash = strrchr(dir, '/');
	if (!slash)
		return false;
	slash[slash == dir] = '\0';
	return !stat(dir, &st) && (st.st_mode & S_IWOTH);
}

static bool same_file(const struct stat *st,
		      const struct nd_enrich_subject *who)
{
	return (uint64_t)st->st_dev == who->dev &&
	       (uint64_t)st->st_ino == who->ino;
}

/* The kernel names an unlinked executable "PATH (deleted)". */
static bool exe_link_deleted(const char *proc, pid_t pid)
{
	static const char tag[] = " (deleted)";
	char *link = read_link(proc, pid, "exe");
	size_t n = link ? strlen(link) : 0;
	bool deleted = n >= sizeof(tag) - 1 &&
		       !strcmp(link + n - (sizeof(tag) - 1), tag);

	free(link);
	return deleted;
}

/*
 * Process @who->pid still runs the alert's executable: its pid was not
 * taken by another program since (or the process exec'ed another).  Its
 * /proc/PID/exe opens the file even when deleted; the file's stat in @st.
 */
static bool runs_exe(const char *proc, const struct nd_enrich_subject *who,
		     struct stat *st)
{
	char path[PATH_MAX];

	if (who->pid <= 0)
		return false;
	snprintf(path, sizeof(path), "%s/%d/exe", proc, (int)who->pid);
	return !stat(path, st) && same_file(st, who);
}

/*
 * @exe as the process sees it, in @file.  The kernel's path is relative
 * to the process's root, and netanomd may live in a mount namespace of
 * its own (systemd's PrivateTmp, PrivateDevices, ProtectHome), where /tmp
 * or /dev/shm are other directories; /proc/PID/root leads into the
 * process's own view.  For a process that is gone, the view of PID 1 (the
 * host's) is the best guess.  Where @proc has no such link (a fake /proc
 * in the tests) the path is used as it is.
 */
static void file_path(char file[PATH_MAX], const char *proc, pid_t pid,
		      bool runs, const char *exe)
{
	char root[PATH_MAX];
	struct stat st;

	snprintf(root, sizeof(root), "%s/%d/root", proc, runs ? (int)pid : 1);
	if (lstat(root, &st) || !S_ISLNK(st.st_mode) ||
	    snprintf(file, PATH_MAX, "%s%s", root, exe) >= PATH_MAX)
		snprintf(file, PATH_MAX, "%s", exe);
}

/* Facts about the executable file; @runs: the process still runs it. */
static void read_file(struct nd_enrich *en, const char *proc,
		      const struct nd_enrich_subject *who, bool runs,
		      const struct stat *proc_st, const char *file)
{
	struct stat st;
	bool gone;

	if (!who->exe || who->exe[0] != '/')
		return;
	en->have_file = true;
	en->temp_dir = in_temp_dir(who->exe);
	en->world_writable_dir = dir_world_writable(file);
	gone = stat(file, &st) && errno == ENOENT;
	en->deleted = gone || (runs && exe_link_deleted(proc, who->pid));
	if (!gone && same_file(&st, who)) {
		en->have_owner = true;
		en->owner_uid = st.st_uid;
	} else if (runs) {
		en->have_owner = true;
		en->owner_uid = proc_st->st_uid;
	}
}

/* Drop what read_process() found. */
static void forget_process(struct nd_enrich *en)
{
	size_t i;

	for (i = 0; en->args && i < en->nargs; i++)
		free(en->args[i]);
	free(en->args);
	free(en->command_line);
	free(en->cwd);
	free(en->parent_exe);
	en->args = NULL;
	en->nargs = 0;
	en->command_line = NULL;
	en->cwd = NULL;
	en->parent_exe = NULL;
	en->ppid = 0;
}

/* What only the live process tells: arguments, directory, parent. */
static int read_process(struct nd_enrich *en, const char *proc, pid_t pid)
{
	int ret = read_args(en, proc, pid);

	en->cwd = read_link(proc, pid, "cwd");
	en->ppid = read_ppid(proc, pid);
	if (en->ppid)
		en->parent_exe = read_link(proc, en->ppid, "exe");
	return ret;
}

int nd_enrich_read(struct nd_enrich *en, const char *proc,
		   struct nd_hash_cache *hashes,
		   const struct nd_enrich_subject *who)
{
	struct stat proc_st = { 0 };
	char file[PATH_MAX] = "";
	bool runs;
	int ret;

	memset(en, 0, sizeof(*en));
	runs = runs_exe(proc, who, &proc_st);
	read_user(en, who->uid);
	if (who->exe && who->exe[0] == '/')
		file_path(file, proc, who->pid, runs, who->exe);
	read_file(en, proc, who, runs, &proc_st, file);
	if (hashes &&
	    nd_hash_exe(hashes, who->exe && who->exe[0] == '/' ? file :
			who->exe, proc, who->pid, who->dev, who->ino,
			en->sha256))
		en->sha256[0] = '\0';
	/* A pid now running something else must not lend it its facts. */
	if (!runs)
		return 0;
	ret = read_process(en, proc, who->pid);
	/*
	 * The process may have called execve() while it was being read (a
	 * shell runs its last command in place): what was read then may
	 * belong to the next program.  Keep it only if the file still is
	 * the one the kernel reported.
	 */
	if (!runs_exe(proc, who, &proc_st)) {
		forget_process(en);
		return 0;
	}
	return ret;
}

const char *nd_enrich_facts(const struct nd_enrich *en, char *buf,
			    size_t len)
{
	const char *facts[4];
	char owner[48];
	size_t n = 0, i, used = 0;

	buf[0] = '\0';
	if (!en || !en->have_file)
		return buf;
	if (en->deleted)
		facts[n++] = "deleted";
	if (en->temp_dir)
		facts[n++] = "in a temporary directory";
	else if (en->world_writable_dir)
		facts[n++] = "in a world-writable directory";
	if (en->have_owner && en->owner_uid) {
		snprintf(owner, sizeof(owner), "owned by uid %u",
			 (unsigned int)en->owner_uid);
		facts[n++] = owner;
	}
	for (i = 0; i < n && used < len; i++) {
		const char *sep = !i ? "the file is " :
				  i + 1 == n ? " and " : ", ";
		int w = snprintf(buf + used, len - used, "%s%s", sep, facts[i]);

		if (w < 0)
			break;
		used += (size_t)w;
	}
	return buf;
}

void nd_enrich_free(struct nd_enrich *en)
{
	forget_process(en);
	memset(en, 0, sizeof(*en));
}
