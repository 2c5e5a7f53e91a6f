// SPDX-License-Identifier: GPL-2.0
/*
 * io_uring's ways to the network, for tests/vm/24-io-uring.sh, on raw
 * system calls (Debian ships liburing without its headers):
 *
 *   uring PEER4 TCP_PORT UDP_PORT GUEST4
 *
 * 1. listen(2) on GUEST4, an ephemeral port           listen   1
 * 2. IORING_OP_CONNECT, TCP to PEER4:TCP_PORT, then an HTTP request
 *    and its answer over the connection              tcp4     1
 * 3. IORING_OP_CONNECT, UDP to PEER4:UDP_PORT         udp4     1
 * 4. IORING_OP_SENDMSG with an address, UDP to PEER4:UDP_PORT,
 *    and the echo back                               sendto   1
 * 5. connect(2) to its own listener                  tcp4     1
 * 6. IORING_OP_ACCEPT of that connection             accept   1
 *
 * Prints one line per step, "<step> ok" or "<step> failed: why", and
 * exits 0 when all went well.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <linux/io_uring.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

struct ring {
	int fd;
	unsigned int *sq_tail, *sq_mask, *sq_array;
	unsigned int *cq_head, *cq_tail, *cq_mask;
	struct io_uring_sqe *sqes;
	struct io_uring_cqe *cqes;
};

static int ring_setup(struct ring *r)
{
	struct io_uring_params p;
	size_t sqsz, cqsz;
	char *sq, *cq;

	memset(&p, 0, sizeof(p));
	r->fd = (int)syscall(__NR_io_uring_setup, 8, &p);
	if (r->fd < 0)
		return -errno;
	sqsz = p.sq_off.array + p.sq_entries * sizeof(unsigned int);
	cqsz = p.cq_off.cqes + p.cq_entries * sizeof(struct io_uring_cqe);
	sq = mmap(NULL, sqsz, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE,
		  r->fd, IORING_OFF_SQ_RING);
	cq = mmap(NULL, cqsz, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE,
		  r->fd, IORING_OFF_CQ_RING);
	r->sqes = mmap(NULL, p.sq_entries * sizeof(struct io_uring_sqe),
		       PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, r->fd,
		       IORING_OFF_SQES);
	if (sq == MAP_FAILED || cq == MAP_FAILED || r->sqes == MAP_FAILED)
		return -errno;
	r->sq_tail = (unsigned int *)(sq + p.sq_off.tail);
	r->sq_mask = (unsigned int *)(sq + p.sq_off.ring_mask);
	r->sq_array = (unsigned int *)(sq + p.sq_off.array);
	r->cq_head = (unsigned int *)(cq + p.cq_off.head);
	r->cq_tail = (unsigned int *)(cq + p.cq_off.tail);
	r->cq_mask = (unsigned int *)(cq + p.cq_off.ring_mask);
	r->cqes = (struct io_uring_cqe *)(cq + p.cq_off.cqes);
	return 0;
}

/* Submit one request, wait for its completion, return its result. */
static int ring_run(struct ring *r, const struct io_uring_sqe *sqe)
{
	unsigned int tail = *r->sq_tail, idx = tail & *r->sq_mask, head;
	int res;

	r->sqes[idx] = *sqe;
	r->sq_array[idx] = idx;
	__atomic_store_n(r->sq_tail, tail + 1, __ATOMIC_RELEASE);
	if (syscall(__NR_io_uring_enter, r->fd, 1, 1, IORING_ENTER_GETEVENTS,
		    NULL, 0) < 0)
		return -errno;
	head = __atomic_load_n(r->cq_head, __ATOMIC_ACQUIRE);
	if (head == __atomic_load_n(r->cq_tail, __ATOMIC_ACQUIRE))
		return -EIO;
	res = r->cqes[head & *r->cq_mask].res;
	__atomic_store_n(r->cq_head, head + 1, __ATOMIC_RELEASE);
	return res;
}

static struct sockaddr_in sin_of(const char *ip, int port)
{
	struct sockaddr_in sin;

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons(port);
	inet_pton(AF_INET, ip, &sin.sin_addr);
	return sin;
}

static int report(const char *step, int res)
{
	if (res < 0)
		printf("%s failed: %s\n", step, strerror(-res));
	else
		printf("%s ok\n", step);
	return res < 0;
}

int main(int argc, char **argv)
{
	struct sockaddr_in peer_tcp, peer_udp, self;
	struct io_uring_sqe sqe;
	socklen_t slen = sizeof(self);
	struct iovec iov;
	struct msghdr mh;
	char buf[512];
	struct ring r;
	int bad = 0, lfd, tfd, ufd, sfd, cfd, res;
	ssize_t n, got = 0;

	if (argc != 5) {
		fprintf(stderr, "usage: %s PEER4 TCP_PORT UDP_PORT GUEST4\n",
			argv[0]);
		return 2;
	}
	peer_tcp = sin_of(argv[1], atoi(argv[2]));
	peer_udp = sin_of(argv[1], atoi(argv[3]));
	self = sin_of(argv[4], 0);
	res = ring_setup(&r);
	if (report("io_uring_setup", res))
		return 1;

	lfd = socket(AF_INET, SOCK_STREAM, 0);
	res = bind(lfd, (struct sockaddr *)&self, sizeof(self)) ||
	      listen(lfd, 4) ||
	      getsockname(lfd, (struct sockaddr *)&self, &slen) ? -errno : 0;
	bad |= report("listen", res);

	tfd = socket(AF_INET, SOCK_STREAM, 0);
	memset(&sqe, 0, sizeof(sqe));
	sqe.opcode = IORING_OP_CONNECT;
	sqe.fd = tfd;
	sqe.addr = (uintptr_t)&peer_tcp;
	sqe.off = sizeof(peer_tcp);
	res = ring_run(&r, &sqe);
	if (!res) {
		static const char req[] = "GET / HTTP/1.0\r\n\r\n";

		if (write(tfd, req, sizeof(req) - 1) != sizeof(req) - 1)
			res = -EIO;
		while (!res && (n = read(tfd, buf + got,
					 sizeof(buf) - 1 - got)) > 0)
			got += n;
		buf[got] = '\0';
		if (!res && !strstr(buf, "\nok\n"))
			res = -EPROTO;
	}
	bad |= report("connect tcp", res);

	ufd = socket(AF_INET, SOCK_DGRAM, 0);
	sqe.fd = ufd;
	sqe.addr = (uintptr_t)&peer_udp;
	sqe.off = sizeof(peer_udp);
	bad |= report("connect udp", ring_run(&r, &sqe));

	sfd = socket(AF_INET, SOCK_DGRAM, 0);
	iov.iov_base = "ping";
	iov.iov_len = 4;
	memset(&mh, 0, sizeof(mh));
	mh.msg_name = &peer_udp;
	mh.msg_namelen = sizeof(peer_udp);
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	memset(&sqe, 0, sizeof(sqe));
	sqe.opcode = IORING_OP_SENDMSG;
	sqe.fd = sfd;
	sqe.addr = (uintptr_t)&mh;
	sqe.len = 1;
	res = ring_run(&r, &sqe);
	if (res == 4) {
		struct timeval tv = { .tv_sec = 20 };

		setsockopt(sfd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
		res = recv(sfd, buf, sizeof(buf), 0) == 4 ? 0 : -EIO;
	} else if (res >= 0) {
		res = -EIO;
	}
	bad |= report("sendmsg with an address", res);

	cfd = socket(AF_INET, SOCK_STREAM, 0);
	res = connect(cfd, (struct sockaddr *)&self, sizeof(self)) ? -errno : 0;
	bad |= report("connect to self", res);
	memset(&sqe, 0, sizeof(sqe));
	sqe.opcode = IORING_OP_ACCEPT;
	sqe.fd = lfd;
	bad |= report("accept", ring_run(&r, &sqe));
	return bad;
}
