# Sourced by bench/peers.sh: indexes $corpus with Sphinx's `indexer` (xmlpipe2 made from
# the corpus beforehand, so the time is Sphinx's own), starts `searchd` with SphinxQL on
# 127.0.0.1:9306, times the queries into $work/sphinx-query.out and stops searchd.
# Returns non-zero if Sphinx cannot be run; sets wall and rss like `timed`.
sphinx_dir=$work/sphinx
rm -rf "$sphinx_dir"
mkdir -p "$sphinx_dir"
/usr/bin/python3 "$bench/peers_sphinx.py" xmlpipe "$corpus" >"$work/corpus.xml"
cat >"$sphinx_dir/sphinx.conf" <<CONF
source articles
{
  type = xmlpipe2
  xmlpipe_command = cat $work/corpus.xml
}
index articles
{
  source = articles
  path = $sphinx_dir/articles
  morphology = stem_en
  min_word_len = 1
}
indexer
{
  mem_limit = 512M
}
searchd
{
  listen = 127.0.0.1:9306:mysql41
  log = $sphinx_dir/searchd.log
  pid_file = $sphinx_dir/searchd.pid
  binlog_path =
}
CONF
timed sphinx-index indexer --config "$sphinx_dir/sphinx.conf" --all &&
  searchd --config "$sphinx_dir/sphinx.conf" >"$work/searchd.out" 2>&1 &&
  searchd_conf=$sphinx_dir/sphinx.conf &&
  sphinx_wall=$wall && sphinx_rss=$rss &&
  /usr/bin/python3 "$bench/peers_sphinx.py" query 9306 "$queries" 1 | tee "$work/sphinx-query.out" &&
  /usr/bin/python3 "$bench/peers_sphinx.py" query 9306 "$queries" 2 | tee -a "$work/sphinx-query.out" &&
  searchd --config "$sphinx_dir/sphinx.conf" --stopwait >/dev/null 2>&1 &&
  searchd_conf= && wall=$sphinx_wall && rss=$sphinx_rss
