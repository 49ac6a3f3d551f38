/*
 * datadir.c — where the lexicons and models are when no directory is
 * given. Alone in its file because the path is compiled in: the build tree
 * uses its own data/, and `make install` recompiles just this file with
 * $(PREFIX)/share/claimtrace for the installed library and binary.
 */
#include <stdlib.h>

#include "util.h"

#ifndef CT_DATADIR
#define CT_DATADIR "data"
#endif

const char *ct_datadir(const char *datadir)
{
	if (!datadir)
		datadir = getenv("CLAIMTRACE_DATA");
	if (!datadir || !*datadir)
		datadir = CT_DATADIR;
	return datadir;
}
