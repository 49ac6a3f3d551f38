/*
 * group.h — stories across an archive: articles grouped by what they are
 * about, one at a time, as they arrive.
 *
 * Takes: documents run through the pipeline to CT_STAGE_SEGMENT at least
 *        (tokens; with CT_STAGE_RESOLVE and later, the entities too), or
 *        their features packed earlier (ct_group_feat_unpack).
 * Gives: for each article added, the story it joined or started (a dense
 *        index from 0, in order of creation), and per story its size, its
 *        date span and a title; the whole state packed, so that an
 *        archive's grouping goes on across runs.
 *
 * The public calls are declared in include/claimtrace.h ("stories across
 * an archive"); this header adds what the store needs besides: the
 * features and the grouper in a compact binary form. group.c explains the
 * method.
 */
#ifndef CT_GROUP_H
#define CT_GROUP_H

#include "../core/doc.h"

/*
 * The features of one article in a versioned binary form (appended to
 * `out`), for the store to keep in a BLOB and group again later without
 * running the pipeline. The bytes depend only on the features.
 */
void ct_group_feat_pack(const ct_group_feat *f, ct_buf *out);
/* Features from the bytes ct_group_feat_pack wrote (owned); NULL when they
 * are not such bytes (another version, truncated, corrupt). */
ct_group_feat *ct_group_feat_unpack(const void *p, size_t n);

/*
 * The whole state of a grouper (terms and their document counts, every
 * story's centroid, span and title, every article's story), appended to
 * `out`. A grouper unpacked from it goes on exactly as the packed one
 * would: the same adds give the same stories.
 */
void ct_grouper_pack(const ct_grouper *g, ct_buf *out);
/* A grouper from ct_grouper_pack's bytes (owned), or NULL when they are
 * not such bytes. */
ct_grouper *ct_grouper_unpack(const void *p, size_t n);

#endif
