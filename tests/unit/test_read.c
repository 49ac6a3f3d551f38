/* Readers: plain text, JSONL, CSV, directories; errors that lose nothing else. */
#include <stdlib.h>
#include <unistd.h>

#include "test.h"

static char dir[] = "/tmp/ct_test_XXXXXX";

static const char *put(const char *name, const char *content, size_t len)
{
	static char path[256];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	fwrite(content, 1, len, f);
	fclose(f);
	return path;
}

/* Reads everything from `path`: the ids of the articles, and the errors. */
static void read_all(const char *path, ct_input_format fmt, char *ids, size_t idcap, char *errs, size_t errcap)
{
	ct_reader *r;
	ct_reader_open(&r, t_ctx, path, fmt);
	ids[0] = errs[0] = 0;
	ct_doc *d;
	int rc;
	while ((rc = ct_reader_next(r, &d)) != 0) {
		if (rc < 0) {
			strncat(errs, ct_reader_error(r), errcap - strlen(errs) - 2);
			strcat(errs, "\n");
			continue;
		}
		strncat(ids, ct_doc_meta(d, CT_META_ID), idcap - strlen(ids) - 2);
		strcat(ids, " ");
		ct_doc_free(d);
	}
	ct_reader_free(r);
}

static ct_doc *first(const char *path, ct_input_format fmt)
{
	ct_reader *r;
	ct_reader_open(&r, t_ctx, path, fmt);
	ct_doc *d = NULL;
	int rc = ct_reader_next(r, &d);
	CHECK(rc == 1, "%s: %s", path, ct_reader_error(r));
	ct_reader_free(r);
	return d;
}

void test_read(void)
{
	if (!mkdtemp(dir)) {
		CHECK(0, "mkdtemp");
		return;
	}
	char ids[1024], errs[2048];

	/* Plain text: the id from the file name, metadata from the text. */
	const char *txt = "ADVERTISEMENT\n\nTalks Resume Between the Two Sides\n\nDecember 4, 2014\n\n"
			  "The talks resumed on Wednesday. Officials said little.\n";
	ct_doc *d = first(put("a1.txt", txt, strlen(txt)), CT_IN_AUTO);
	if (d) {
		CHECK_STR(ct_doc_meta(d, CT_META_ID), "a1");
		CHECK_STR(ct_doc_meta(d, CT_META_TITLE), "Talks Resume Between the Two Sides");
		CHECK_STR(ct_doc_meta(d, CT_META_PUBLISHED), "2014-12-04");
		ct_doc_free(d);
	}
	const char *wire = " date 2014-09-15 GENEVA, Sept 15 The envoy arrived\non Monday. Photo caption / Reuters\n";
	d = first(put("a2.txt", wire, strlen(wire)), CT_IN_AUTO);
	if (d) {
		CHECK_STR(ct_doc_meta(d, CT_META_PUBLISHED), "2014-09-15");
		CHECK_STR(ct_doc_meta(d, CT_META_DATELINE), "GENEVA");
		CHECK_STR(ct_doc_meta(d, CT_META_CREDIT), "Reuters");
		CHECK(ct_doc_meta(d, CT_META_TITLE) == NULL, "no title in wire copy");
		ct_doc_free(d);
	}
	const char *credit = "A leader speaks at a rally in the capital. Office of the President/AP\n\nBody text.\n";
	d = first(put("a3.txt", credit, strlen(credit)), CT_IN_AUTO);
	if (d) {
		CHECK_STR(ct_doc_meta(d, CT_META_CREDIT), "Office of the President/AP");
		ct_doc_free(d);
	}

	/* JSONL: fields, a blank line, a malformed line, a record without text,
	 * invalid UTF-8 inside a string: every good record is read. */
	const char jsonl[] = "{\"id\":\"j1\",\"outlet\":\"Wire\",\"published\":\"2014-09-15\",\"title\":\"T\",\"text\":\"One.\"}\n"
			     "\n"
			     "{\"id\":\"j2\",\"text\":\"Two.\"\n"
			     "{\"id\":\"j3\"}\n"
			     "{\"id\":\"j4\",\"text\":\"Fo\xFFur.\"}\n"
			     "[1,2]\n"
			     "{\"id\":\"j5\",\"text\":\"  \"}\n"
			     "{\"text\":\"Six.\"}\n";
	const char *jp = put("b.jsonl", jsonl, sizeof jsonl - 1);
	read_all(jp, CT_IN_AUTO, ids, sizeof ids, errs, sizeof errs);
	CHECK_STR(ids, "j1 j4 line8 ");
	CHECK(strstr(errs, "b.jsonl:3: malformed JSON") != NULL, "%s", errs);
	CHECK(strstr(errs, "b.jsonl:4: no text in the record") != NULL, "%s", errs);
	CHECK(strstr(errs, "b.jsonl:6: expected a JSON object") != NULL, "%s", errs);
	CHECK(strstr(errs, "b.jsonl:7: empty") != NULL, "%s", errs);
	d = first(jp, CT_IN_AUTO);
	if (d) {
		CHECK_STR(ct_doc_meta(d, CT_META_OUTLET), "Wire");
		CHECK_STR(ct_doc_meta(d, CT_META_PUBLISHED), "2014-09-15");
		ct_doc_free(d);
	}

	/* CSV: quoted fields with commas, line breaks and doubled quotes; a bad row. */
	const char csv[] = "Body ID,articleBody\r\n"
			   "7,\"He said, \"\"yes\"\".\nNew line.\"\r\n"
			   "8,Plain text here.\n"
			   "9,too,many\n"
			   "10,\"after\"junk\n"
			   "11,Last one.\n";
	const char *cp = put("c.csv", csv, sizeof csv - 1);
	read_all(cp, CT_IN_AUTO, ids, sizeof ids, errs, sizeof errs);
	CHECK_STR(ids, "7 8 11 ");
	CHECK(strstr(errs, "c.csv:5: expected 2 fields, found 3") != NULL, "%s", errs);
	CHECK(strstr(errs, "c.csv:6: text after a closing quote") != NULL, "%s", errs);
	d = first(cp, CT_IN_AUTO);
	if (d) {
		CHECK_INT(ct_doc_run(t_ctx, d, CT_STAGE_NORMALIZE), 0);
		CHECK_STR(ct_doc_text(d, NULL), "He said, \"yes\".\nNew line.");
		ct_doc_free(d);
	}
	const char unterminated[] = "id,text\n1,\"never closed\n2,more\n";
	read_all(put("d.csv", unterminated, sizeof unterminated - 1), CT_IN_AUTO, ids, sizeof ids, errs, sizeof errs);
	CHECK(strstr(errs, "d.csv:2: unterminated quoted field") != NULL, "%s", errs);
	const char notext[] = "Headline,Body ID,Stance\nx,1,agree\n";
	read_all(put("e.csv", notext, sizeof notext - 1), CT_IN_AUTO, ids, sizeof ids, errs, sizeof errs);
	CHECK(strstr(errs, "e.csv:1: no text column") != NULL, "%s", errs);

	/* Bad files: each named, none stopping the others in a directory walk. */
	put("f_empty.txt", "", 0);
	put("g_blank.txt", " \n\n\t\n", 5);
	const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
	put("h_image.txt", png, sizeof png - 1);
	char bin[512];
	for (size_t i = 0; i < sizeof bin; i++)
		bin[i] = (char)(i * 7 % 32);
	put("i_binary.txt", bin, sizeof bin);
	put("README.md", "not an article", 14);
	read_all(dir, CT_IN_AUTO, ids, sizeof ids, errs, sizeof errs);
	CHECK_STR(ids, "a1 a2 a3 j1 j4 line8 7 8 11 ");
	CHECK(strstr(errs, "f_empty.txt: empty") != NULL, "%s", errs);
	CHECK(strstr(errs, "g_blank.txt: empty") != NULL, "%s", errs);
	CHECK(strstr(errs, "h_image.txt: not text: a PNG image") != NULL, "%s", errs);
	CHECK(strstr(errs, "i_binary.txt: not text") != NULL, "%s", errs);
	read_all("/nonexistent/file.txt", CT_IN_AUTO, ids, sizeof ids, errs, sizeof errs);
	CHECK(strstr(errs, "/nonexistent/file.txt: cannot open") != NULL, "%s", errs);

	/* The size limit. */
	ct_ctx_set_max_article(t_ctx, 10);
	read_all(put("j_big.txt", "0123456789ABC", 13), CT_IN_AUTO, ids, sizeof ids, errs, sizeof errs);
	CHECK(strstr(errs, "j_big.txt: article larger than the limit") != NULL, "%s", errs);
	ct_ctx_set_max_article(t_ctx, (size_t)256 << 20);

	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	CHECK(system(cmd) == 0, "cleanup");
}
