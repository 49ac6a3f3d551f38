/*
 * temp_file.h — the fuzz targets whose code under test takes a path: the
 * input written to a fresh temporary file.
 */
#ifndef CT_FUZZ_TEMP_FILE_H
#define CT_FUZZ_TEMP_FILE_H

#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

/* Writes data to a new file named from the template `path` (…XXXXXX,
 * rewritten in place): 0, or -1 when it could not be written whole (the
 * file, if made, is removed). */
static inline int temp_file(char *path, const uint8_t *data, size_t size)
{
	int fd = mkstemp(path);
	if (fd < 0)
		return -1;
	size_t done = 0;
	while (done < size) {
		ssize_t w = write(fd, data + done, size - done);
		if (w <= 0)
			break;
		done += (size_t)w;
	}
	close(fd);
	if (done != size) {
		unlink(path);
		return -1;
	}
	return 0;
}

#endif
