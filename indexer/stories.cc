// The story pass (indexer/stories.h): a graph of the changed articles and their
// neighbours, grouped by a fixed order of links, written back as labels.
#include "indexer/stories.h"

#include <xapian.h>

#include <algorithm>
#include <ctime>
#include <deque>
#include <map>
#include <numeric>
#include <unordered_map>
#include <unordered_set>

#include "indexer/schema.h"
#include "indexer/story.h"

namespace gazette::indexer {
namespace {

struct Node {
  Xapian::docid docid = 0;
  StorySignature sig;
  std::string label;                 // as stored
  std::vector<std::uint64_t> bands;  // StoryBandKeys
};

struct Link {
  bool exact = false;
  double jaccard = 0;
  std::size_t a = 0, b = 0;
};

// "YYYYMMDD" of a time, UTC.
std::string Day(std::int64_t t) {
  const auto time = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&time, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y%m%d", &tm);
  return buf;
}

// The articles of the neighbourhood and their band buckets.
class StoryGraph {
 public:
  explicit StoryGraph(Xapian::Database db) : db_(std::move(db)) {}

  // Every article of the database, as written by this run (own labels).
  void AddAll() {
    for (auto v = db_.valuestream_begin(schema::kSlotStorySignature);
         v != db_.valuestream_end(schema::kSlotStorySignature); ++v) {
      auto sig = DecodeStorySignature(*v);
      if (!sig) continue;
      Node n{v.get_docid(), std::move(*sig), {}, {}};
      n.label = StoryLabel(n.sig.id_hash);
      Insert(std::move(n));
    }
  }

  // The articles with the id terms `ids` and, through bands and the stories they are
  // in, every article linked to them, up to kStoryMaxNodes.
  void AddAround(const std::vector<std::string>& ids) {
    std::deque<std::size_t> queue;
    for (const std::string& id : ids) {
      for (auto p = db_.postlist_begin(id); p != db_.postlist_end(id); ++p) {
        if (auto i = Visit(*p)) queue.push_back(*i);
      }
    }
    while (!queue.empty() && nodes_.size() < kStoryMaxNodes) {
      const std::size_t i = queue.front();
      queue.pop_front();
      std::vector<Xapian::docid> next = Members(nodes_[i]);
      for (std::uint64_t key : nodes_[i].bands) {
        const std::string band = StoryBandTerm(key);
        if (db_.get_termfreq(band) > kStoryMaxBand) continue;
        for (auto p = db_.postlist_begin(band); p != db_.postlist_end(band); ++p)
          next.push_back(*p);
      }
      for (Xapian::docid docid : next) {
        if (auto j = Visit(docid)) queue.push_back(*j);
      }
    }
  }

  // Every pair sharing a band that SameStory links, in the order links are taken.
  std::vector<Link> Links() const {
    std::unordered_map<std::uint64_t, std::vector<std::size_t>> buckets;
    buckets.reserve(nodes_.size() * kStoryBands);
    for (std::size_t i = 0; i < nodes_.size(); ++i) {
      for (std::uint64_t band : nodes_[i].bands) buckets[band].push_back(i);
    }
    std::vector<Link> links;
    std::vector<std::size_t> candidates;
    for (std::size_t a = 0; a < nodes_.size(); ++a) {
      candidates.clear();
      for (std::uint64_t band : nodes_[a].bands) {
        const auto& members = buckets[band];
        if (members.size() > kStoryMaxBand) continue;
        for (std::size_t b : members) {
          if (b > a) candidates.push_back(b);
        }
      }
      std::sort(candidates.begin(), candidates.end());
      candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
      for (std::size_t b : candidates) {
        const StorySignature& sa = nodes_[a].sig;
        const StorySignature& sb = nodes_[b].sig;
        if (SameStory(sa, sb))
          links.push_back({sa.text_hash == sb.text_hash, StoryJaccard(sa, sb), a, b});
      }
    }
    std::sort(links.begin(), links.end(), [this](const Link& l, const Link& r) {
      if (l.exact != r.exact) return l.exact;
      if (l.jaccard != r.jaccard) return l.jaccard > r.jaccard;
      return Key(l) < Key(r);
    });
    return links;
  }

  const std::vector<Node>& nodes() const { return nodes_; }

 private:
  std::pair<std::uint64_t, std::uint64_t> Key(const Link& l) const {
    const std::uint64_t a = nodes_[l.a].sig.id_hash, b = nodes_[l.b].sig.id_hash;
    return {std::min(a, b), std::max(a, b)};
  }

  // The other articles of the story `n` was in (a label not its own), looked for on
  // the days a story can span around it.
  std::vector<Xapian::docid> Members(const Node& n) {
    std::vector<Xapian::docid> out;
    if (n.label == StoryLabel(n.sig.id_hash) || n.sig.published == 0) return out;
    std::vector<Xapian::Query> days;
    const int span = static_cast<int>(kStoryMaxSpanDays);
    for (int d = -span; d <= span; ++d) {
      days.emplace_back(schema::kPrefixDay + Day(n.sig.published + d * 86400));
    }
    Xapian::Enquire enquire(db_);
    enquire.set_query(Xapian::Query(
        Xapian::Query::OP_FILTER, Xapian::Query(Xapian::Query::OP_OR, days.begin(), days.end()),
        Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kSlotStory, n.label, n.label)));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    const Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(kStoryMaxNodes));
    for (auto it = mset.begin(); it != mset.end(); ++it) out.push_back(*it);
    return out;
  }

  // Adds the document `docid` unless seen; its index when added.
  std::optional<std::size_t> Visit(Xapian::docid docid) {
    if (index_.count(docid) || nodes_.size() >= kStoryMaxNodes) return std::nullopt;
    const Xapian::Document doc = db_.get_document(docid);
    auto sig = DecodeStorySignature(doc.get_value(schema::kSlotStorySignature));
    if (!sig) return std::nullopt;
    return Insert(Node{docid, std::move(*sig), doc.get_value(schema::kSlotStory), {}});
  }

  std::size_t Insert(Node n) {
    n.bands = StoryBandKeys(n.sig);
    index_[n.docid] = nodes_.size();
    nodes_.push_back(std::move(n));
    return nodes_.size() - 1;
  }

  Xapian::Database db_;
  std::vector<Node> nodes_;
  std::unordered_map<Xapian::docid, std::size_t> index_;
};

// Groups of the graph's nodes: union by links in order, while a group's dated
// articles span at most kStoryMaxSpanDays (exact copies join regardless).
std::vector<std::size_t> Group(const std::vector<Node>& nodes, const std::vector<Link>& links) {
  std::vector<std::size_t> parent(nodes.size());
  std::iota(parent.begin(), parent.end(), 0);
  std::vector<std::int64_t> first(nodes.size()), last(nodes.size());
  for (std::size_t i = 0; i < nodes.size(); ++i) first[i] = last[i] = nodes[i].sig.published;
  auto find = [&parent](std::size_t i) {
    while (parent[i] != i) i = parent[i] = parent[parent[i]];
    return i;
  };
  for (const Link& l : links) {
    const std::size_t a = find(l.a), b = find(l.b);
    if (a == b) continue;
    // Undated articles (0) do not stretch a group.
    auto lo = [](std::int64_t x, std::int64_t y) {
      return x == 0 ? y : y == 0 ? x : std::min(x, y);
    };
    auto hi = [](std::int64_t x, std::int64_t y) { return std::max(x, y); };
    const std::int64_t from = lo(first[a], first[b]), to = hi(last[a], last[b]);
    if (!l.exact && from != 0 && to - from > kStoryMaxSpanDays * 86400) continue;
    parent[b] = a;
    first[a] = from;
    last[a] = to;
  }
  std::vector<std::size_t> root(nodes.size());
  for (std::size_t i = 0; i < nodes.size(); ++i) root[i] = find(i);
  return root;
}

// A document's new label.
struct Relabel {
  Xapian::docid docid = 0;  // in the combined database
  std::string label;
};

Status Write(const std::vector<std::string>& shards, const std::vector<Relabel>& changes,
             bool sync) {
  const auto count = static_cast<Xapian::docid>(shards.size());
  std::map<std::size_t, std::vector<const Relabel*>> by_shard;
  for (const Relabel& r : changes) by_shard[(r.docid - 1) % count].push_back(&r);
  for (const auto& [shard, list] : by_shard) {
    Xapian::WritableDatabase db(shards[shard], Xapian::DB_OPEN | (sync ? 0 : Xapian::DB_NO_SYNC));
    for (const Relabel* r : list) {
      const Xapian::docid local = (r->docid - 1) / count + 1;
      // Only a value changes: Xapian then leaves the document's terms as they are.
      Xapian::Document doc = db.get_document(local);
      doc.add_value(schema::kSlotStory, r->label);
      db.replace_document(local, doc);
    }
    db.commit();
  }
  return Status::Ok();
}

}  // namespace

Result<StoryPassSummary> AssignStories(const std::vector<std::string>& shards,
                                       const std::vector<std::string>& changed, bool all,
                                       bool sync) {
  StoryPassSummary summary;
  try {
    Xapian::Database db;
    for (const std::string& shard : shards) db.add_database(Xapian::Database(shard));
    StoryGraph graph(db);
    all ? graph.AddAll() : graph.AddAround(changed);
    const std::vector<Node>& nodes = graph.nodes();
    const std::vector<std::size_t> root = Group(nodes, graph.Links());
    std::unordered_map<std::size_t, std::pair<std::size_t, std::uint64_t>> groups;  // size, least
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      auto [it, fresh] = groups.try_emplace(root[i], 0, nodes[i].sig.id_hash);
      it->second.first += 1;
      it->second.second = std::min(it->second.second, nodes[i].sig.id_hash);
    }
    std::vector<Relabel> changes;
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      const auto& [size, least] = groups[root[i]];
      if (size > 1) ++summary.articles;
      const std::string label = StoryLabel(size > 1 ? least : nodes[i].sig.id_hash);
      if (label != nodes[i].label) changes.push_back({nodes[i].docid, label});
    }
    for (const auto& [r, g] : groups) summary.stories += g.first > 1 ? 1 : 0;
    summary.relabelled = changes.size();
    if (Status s = Write(shards, changes, sync); !s.ok()) return s;
  } catch (const Xapian::Error& e) {
    return Status::IoError("stories: " + e.get_description());
  }
  return summary;
}

}  // namespace gazette::indexer
