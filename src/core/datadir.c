/*
 * datadir.c — where the lexicons and models are when no directory is
 * given. Alone in its file because the path is compiled in: the build tree
 * uses its own data/, and `make install` recompiles just this file with
 * $(PREFIX)/share/claimtrace for the installed library and binary.
 *
 * An installed tree that was moved (unpacked elsewhere, or run from the
 * DESTDIR it was staged in) no longer has the compiled-in directory; it
 * still has share/claimtrace beside the program's bin/, so that is looked
 * for next, through /proc/self/exe.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

#ifndef CT_DATADIR
#define CT_DATADIR "data"
#endif

static char beside_exe[4096]; /* "" when the program has no share/claimtrace */
static pthread_once_t beside_once = PTHREAD_ONCE_INIT;

static void find_beside_exe(void)
{
	char exe[4096];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	char *slash = n > 0 ? (exe[n] = '\0', strrchr(exe, '/')) : NULL;
	if (!slash)
		return;
	*slash = '\0';
	int len = snprintf(beside_exe, sizeof beside_exe, "%s/../share/claimtrace", exe);
	if (len < 0 || (size_t)len >= sizeof beside_exe || access(beside_exe, R_OK | X_OK))
		beside_exe[0] = '\0';
}

const char *ct_datadir(const char *datadir)
{
	if (!datadir)
		datadir = getenv("CLAIMTRACE_DATA");
	if (datadir && *datadir)
		return datadir;
	if (!access(CT_DATADIR, R_OK | X_OK))
		return CT_DATADIR;
	pthread_once(&beside_once, find_beside_exe);
	/* neither: the compiled-in one, which the error message then names */
	return beside_exe[0] ? beside_exe : CT_DATADIR;
}
