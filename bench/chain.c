// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * chain - fill the module's table with many distinct executables, fast.
 *
 *   DIR/0 DIR N    (DIR/0 .. DIR/N-1 are copies of this program)
 *
 * Each copy makes one UDP connect(2) (no packet is sent) and then execs the
 * next copy in the same process: one exec per entry and no fork, which is
 * what makes 100k entries affordable in an emulated guest.  Copies, not
 * hard links: the module keys an entry by the file's (dev, ino).
 *
 * Freestanding (no libc, raw x86-64 system calls) so that the program is a
 * few kilobytes: 100k copies on tmpfs take one page each.
 */
#ifndef __x86_64__
#error "bench/chain.c makes x86-64 system calls"
#endif

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
	long argc = sp[0], self, n, fd, i = 0, j;
	char **argv = (char **)(sp + 1);
	char **envp = argv + argc + 1;
	char path[4096], digits[24];
	const char *d;

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
	for (d = argv[1]; *d && i < 4000; d++)
		path[i++] = *d;
	path[i++] = '/';
	j = 0;
	for (self++; self; self /= 10)
		digits[j++] = (char)('0' + self % 10);
	while (j)
		path[i++] = digits[--j];
	path[i] = 0;
	argv[0] = path;
	sys3(SYS_execve, (long)path, (long)argv, (long)envp);
	sys3(SYS_exit, 1, 0, 0);
}
