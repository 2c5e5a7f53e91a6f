#!/usr/bin/python3
"""Subscribe to the netanom "events" multicast group and read slowly.

    slow-subscriber.py STOPFILE COUNTFILE

A subscriber whose receive buffer fills up must cost the module nothing
but dropped messages.  Until STOPFILE exists: look the family and its
"events" group up and join it (again and again: an rmmod drops the
membership), and read at most one message a second from a small
receive buffer.  COUNTFILE gets "<joins> <messages>" whenever they change.
Exits 0; the stress scenario judges the kernel log, not this program.
"""

import os
import socket
import struct
import sys
import time

NETLINK_GENERIC = 16
GENL_ID_CTRL = 0x10
CTRL_CMD_GETFAMILY = 3
CTRL_ATTR_FAMILY_NAME = 2
CTRL_ATTR_MCAST_GROUPS = 7
CTRL_ATTR_MCAST_GRP_NAME = 1
CTRL_ATTR_MCAST_GRP_ID = 2
NLM_F_REQUEST = 1
SOL_NETLINK = 270
NETLINK_ADD_MEMBERSHIP = 1


def attrs(data):
    """Yield (type, payload) of the netlink attributes in data."""
    off = 0
    while off + 4 <= len(data):
        alen, atype = struct.unpack_from("HH", data, off)
        if alen < 4:
            return
        yield atype & 0x3FFF, data[off + 4:off + alen]
        off += (alen + 3) & ~3


def events_group():
    """The id of netanom's "events" group, or None (module not loaded)."""
    s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_GENERIC)
    try:
        name = b"netanom\0"
        attr = struct.pack("HH", 4 + len(name), CTRL_ATTR_FAMILY_NAME) + name
        attr += b"\0" * (-len(attr) % 4)
        genl = struct.pack("BBH", CTRL_CMD_GETFAMILY, 1, 0)
        msg = struct.pack("IHHII", 16 + len(genl) + len(attr), GENL_ID_CTRL,
                          NLM_F_REQUEST, 1, 0) + genl + attr
        s.send(msg)
        reply = s.recv(65536)
    finally:
        s.close()
    _, mtype = struct.unpack_from("IH", reply, 0)
    if mtype != GENL_ID_CTRL:
        return None  # NLMSG_ERROR: no such family
    for atype, payload in attrs(reply[20:]):
        if atype != CTRL_ATTR_MCAST_GROUPS:
            continue
        for _, grp in attrs(payload):
            fields = dict(attrs(grp))
            if fields.get(CTRL_ATTR_MCAST_GRP_NAME, b"").rstrip(b"\0") == b"events":
                return struct.unpack("I", fields[CTRL_ATTR_MCAST_GRP_ID])[0]
    return None


def main():
    stop, countfile = sys.argv[1:3]
    joins = messages = 0
    sub = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_GENERIC)
    # Bound, so that the kernel gives it a port id: netlink_broadcast()
    # skips sockets whose port id is the sender's, and the module sends
    # from port 0, which is also an unbound socket's.
    sub.bind((0, 0))
    sub.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    sub.settimeout(0.2)
    while not os.path.exists(stop):
        # Join again every time: an unload drops the membership, and
        # joining a group twice is harmless.
        group = events_group()
        if group is not None:
            try:
                sub.setsockopt(SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, group)
                joins += 1
            except OSError:
                pass
        try:
            sub.recv(65536)
            messages += 1
        except (socket.timeout, OSError):
            pass  # nothing, or ENOBUFS after an overrun
        with open(countfile, "w") as f:
            f.write("%d %d\n" % (joins, messages))
        time.sleep(1)


if __name__ == "__main__":
    main()
