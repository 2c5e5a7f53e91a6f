// SPDX-License-Identifier: GPL-2.0-or-later
/* netanomd: everything is in nd_main(), which the unit tests can reach. */
#include "daemon.h"

int main(int argc, char **argv)
{
	return nd_main(argc, argv);
}
