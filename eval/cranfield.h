// The Cranfield collection (SMART format, as distributed) converted into gazette input,
// a query file and judgments, for `gazette eval`.
#ifndef GAZETTE_EVAL_CRANFIELD_H_
#define GAZETTE_EVAL_CRANFIELD_H_

#include <string>

#include "base/status.h"

namespace gazette::eval {

struct CranfieldCounts {
  int documents = 0;  // articles written
  int empty = 0;      // documents without title or text, left out
  int queries = 0;
  int judgments = 0;
};

// The judgment grade of a cranqrel relevance code: Cleverdon's codes run from 1 (a
// complete answer) to 4 (of minimum interest), and -1 is not relevant, so the grade is
// 5 - code (4..1), and -1 becomes 0 (judged, not relevant). Returns -1 for any other
// code.
int CranfieldGrade(int code);

// Reads <source_dir>/cran.all.1400, cran.qry and cranqrel and writes, in `out_dir`
// (created if needed):
//   cranfield.jsonl  one article per document: {"id": "<.I number>", "title", "body"}
//                    (title from .T, body from .W; authors and sources are left out);
//   queries.tsv      `qid<TAB>query`, qid k for the k-th query of cran.qry, because
//                    cranqrel numbers queries 1..225 in file order, not by their .I;
//   qrels.txt        TREC qrels `qid 0 docid grade` (CranfieldGrade).
// InvalidArgument names the file and line of malformed input (a record without .I,
// a judgment of an unknown query or document, an unknown code); IoError when a file
// cannot be read or written.
Result<CranfieldCounts> ConvertCranfield(const std::string& source_dir, const std::string& out_dir);

}  // namespace gazette::eval

#endif  // GAZETTE_EVAL_CRANFIELD_H_
