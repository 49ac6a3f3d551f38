/*
 * replay.c — runs a fuzz target over the files named on the command line
 * (its corpus), so `make test` checks every input the fuzzer kept, under
 * the sanitizers, without libFuzzer. Prints "N passed, 0 failed": a crash
 * ends the run instead.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv)
{
	int n = 0;
	for (int i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		if (!f) {
			fprintf(stderr, "replay: cannot open %s\n", argv[i]);
			printf("%d passed, 1 failed\n", n);
			return 1;
		}
		fseek(f, 0, SEEK_END);
		long len = ftell(f);
		fseek(f, 0, SEEK_SET);
		uint8_t *buf = malloc(len > 0 ? (size_t)len : 1);
		size_t got = fread(buf, 1, (size_t)len, f);
		fclose(f);
		LLVMFuzzerTestOneInput(buf, got);
		free(buf);
		printf("ok %s\n", argv[i]);
		n++;
	}
	printf("%d passed, 0 failed\n", n);
	return 0;
}
