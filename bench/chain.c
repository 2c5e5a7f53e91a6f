// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * chain - fill the module's table with many distinct executables, fast.
 *
 *   chain copy DIR N   write DIR/0 .. DIR/N-1, copies of this program
 *   DIR/0 DIR N        run them: DIR/0 connects and execs DIR/1, ...
 *
 * Each copy makes one UDP connect(2) (no packet is sent) and then execs the
 * next copy in the same process: one exec per entry and no fork, which is
 * what makes 100k entries affordable in an emulated guest.  Copies, not
 * hard links: the module keys an entry by the file's (dev, ino).
 *
 * Freestanding (no libc, raw x86-64 system calls) so that the program is a
 * few kilobytes: 100k copies on tmpfs take one page each.  It writes its
 * own copies too (open, write, close per copy), because a script or cp(1)
 * spawned per copy costs more than the copy itself in an emulated guest.
 */
#ifndef __x86_64__
#error "bench/chain.c makes x86-64 system calls"
#endif

#define SYS_read	0
#define SYS_write	1
#define SYS_open	2
#define SYS_close	3
#define SYS_socket	41
#define SYS_connect	42
#define SYS_execve	59
#define SYS_exit	60

void chain_main(long *sp);

static long sys3(long n, long a, long b, long c)
{
	long r;

	__asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c)
			 : "rcx", "r11", "memory");
	return r;
}

__asm__(".globl _start\n"
	"_start:\n"
	"	xor %rbp, %rbp\n"
	"	mov %rsp, %rdi\n"
	"	and $-16, %rsp\n"
	"	call chain_main\n"
	"	hlt\n");

static long number(const char *s)
{
	long v = 0;

	while (*s >= '0' && *s <= '9')
		v = v * 10 + (*s++ - '0');
	return v;
}

/* DIR/NUMBER into path; returns path. */
static char *file_name(char *path, const char *dir, long num)
{
	char digits[24];
	long i = 0, j = 0;

	for (; *dir && i < 4000; dir++)
		path[i++] = *dir;
	path[i++] = '/';
	do {
		digits[j++] = (char)('0' + num % 10);
		num /= 10;
	} while (num);
	while (j)
		path[i++] = digits[--j];
	path[i] = 0;
	return path;
}

static int equal(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

/*
 * Write N copies of /proc/self/exe: each one a new file, so a new inode,
 * which is what the module counts by.  Exit status 0 when all were
 * written.
 */
static long copy_self(const char *dir, long n)
{
	static char image[16384];
	char path[4096];
	long fd, len = 0, r, i;

	fd = sys3(SYS_open, (long)"/proc/self/exe", 0 /* O_RDONLY */, 0);
	if (fd < 0)
		return 1;
	while ((r = sys3(SYS_read, fd, (long)image + len,
			 (long)sizeof(image) - len)) > 0)
		len += r;
	sys3(SYS_close, fd, 0, 0);
	if (r < 0 || len == (long)sizeof(image))
		return 1;
	for (i = 0; i < n; i++) {
		/* O_WRONLY | O_CREAT | O_EXCL, mode 0755 */
		fd = sys3(SYS_open, (long)file_name(path, dir, i),
			  01 | 0100 | 0200, 0755);
		if (fd < 0)
			return 1;
		r = sys3(SYS_write, fd, (long)image, len);
		sys3(SYS_close, fd, 0, 0);
		if (r != len)
			return 1;
	}
	return 0;
}

static const char *base_name(const char *s)
{
	const char *b = s;

	for (; *s; s++)
		if (*s == '/')
			b = s + 1;
	return b;
}

void chain_main(long *sp)
{
	/* struct sockaddr_in for 198.51.100.2:9999 */
	static const unsigned char sa[16] = { 2, 0, 0x27, 0x0f,
					      198, 51, 100, 2 };
	long argc = sp[0], self, n, fd;
	char **argv = (char **)(sp + 1);
	char **envp = argv + argc + 1;
	char path[4096];

	if (argc == 4 && equal(argv[1], "copy"))
		sys3(SYS_exit, copy_self(argv[2], number(argv[3])), 0, 0);
	if (argc != 3)
		sys3(SYS_exit, 2, 0, 0);
	self = number(base_name(argv[0]));
	n = number(argv[2]);
	fd = sys3(SYS_socket, 2 /* AF_INET */, 2 /* SOCK_DGRAM */, 0);
	if (fd < 0 || sys3(SYS_connect, fd, (long)sa, sizeof(sa)))
		sys3(SYS_exit, 1, 0, 0);
	sys3(SYS_close, fd, 0, 0);
	if (self + 1 >= n)
		sys3(SYS_exit, 0, 0, 0);
	argv[0] = file_name(path, argv[1], self + 1);
	sys3(SYS_execve, (long)path, (long)argv, (long)envp);
	sys3(SYS_exit, 1, 0, 0);
}
