//! The search worker: queries run on their own thread, and a newer query
//! cancels the one still running.

use super::*;

/// A query's number and its results, or why the search failed.
pub(super) type SearchReply = (u64, Result<Results, String>);

/// How the worker searches (the index's cancellable search; tests give
/// another).
type Search = fn(&SearchIndex, &Query, &AtomicBool) -> Option<Results>;

fn cancellable(index: &SearchIndex, query: &Query, cancel: &AtomicBool) -> Option<Results> {
    index.search_cancellable(query, crate::app::RESULT_LIMIT, cancel)
}

/// Runs `search`, turning a panic into a failed search, so the search
/// shows why rather than waiting for ever.
fn search_caught(
    search: Search,
    index: &SearchIndex,
    query: &Query,
    cancel: &AtomicBool,
) -> Option<Result<Results, String>> {
    match super::caught::running(|| search(index, query, cancel)) {
        Ok(results) => results.map(Ok),
        Err(why) => Some(Err(format!(
            "the search stopped unexpectedly (a bug in demarche: {why})"
        ))),
    }
}

/// One query for the worker, with the flag that cancels it.
pub(super) type SearchRequest = (u64, String, Arc<AtomicBool>);

/// Runs queries off the input path. Each new query raises the previous
/// query's cancel flag, so a long search on a large file is abandoned as
/// soon as the user types on, and queries that queued up meanwhile are
/// skipped for the newest.
pub(super) struct SearchWorker {
    ask: Sender<SearchRequest>,
    pub(super) answers: Receiver<SearchReply>,
    pub(super) running: Option<Arc<AtomicBool>>,
}

impl SearchWorker {
    /// The worker holds the index weakly: a reload drops the old index
    /// before building the new one, and a worker still alive must not
    /// keep it (a query for a dropped index is not answered).
    pub(super) fn spawn(index: Weak<SearchIndex>) -> Self {
        Self::spawn_with(index, cancellable)
    }

    fn spawn_with(index: Weak<SearchIndex>, search: Search) -> Self {
        let (ask, questions) = mpsc::channel::<SearchRequest>();
        let (tell, answers) = mpsc::channel::<SearchReply>();
        let work = move || {
            while let Ok(mut request) = questions.recv() {
                while let Ok(newer) = questions.try_recv() {
                    request = newer;
                }
                let (generation, text, cancel) = request;
                let Ok(query) = Query::parse(&text) else { continue };
                let Some(index) = index.upgrade() else { return };
                if let Some(reply) = search_caught(search, &index, &query, &cancel)
                    && tell.send((generation, reply)).is_err()
                {
                    return;
                }
            }
        };
        thread::Builder::new()
            .name(super::caught::SEARCH_THREAD.into())
            .spawn(work)
            .expect("a thread for searching");
        SearchWorker {
            ask,
            answers,
            running: None,
        }
    }

    pub(super) fn submit(&mut self, generation: u64, query: String) {
        if let Some(previous) = self.running.take() {
            previous.store(true, Ordering::Relaxed);
        }
        let cancel = Arc::new(AtomicBool::new(false));
        self.running = Some(Arc::clone(&cancel));
        let _ = self.ask.send((generation, query, cancel));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_newer_query_cancels_the_running_one_and_is_answered() {
        let text = demarche_core::synthetic::generate(3_000, 7);
        let data = demarche_core::load::load_str("s.toml", &text).unwrap().dataset;
        let shown = demarche_core::text::display::DisplayText::new(&data);
        let index = Arc::new(SearchIndex::new(&data, &shown));
        let mut worker = SearchWorker::spawn(Arc::downgrade(&index));
        worker.submit(1, "t r a d e".into());
        let first = worker.running.clone().unwrap();
        worker.submit(2, "tariff".into());
        assert!(first.load(Ordering::Relaxed), "the older search is told to stop");
        let answered = loop {
            let (generation, hits) = worker.answers.recv_timeout(Duration::from_secs(60)).unwrap();
            if generation == 2 {
                break hits.unwrap();
            }
        };
        assert!(!answered.hits.is_empty());
    }

    /// The index of a small synthetic file.
    fn small_index() -> Arc<SearchIndex> {
        let text = demarche_core::synthetic::generate(50, 3);
        let data = demarche_core::load::load_str("s.toml", &text).unwrap().dataset;
        let shown = demarche_core::text::display::DisplayText::new(&data);
        Arc::new(SearchIndex::new(&data, &shown))
    }

    #[test]
    fn a_worker_does_not_keep_its_index_alive() {
        let index = small_index();
        let watched = Arc::downgrade(&index);
        let mut worker = SearchWorker::spawn(Arc::downgrade(&index));
        drop(index);
        assert!(
            watched.upgrade().is_none(),
            "a reload frees the old index at once"
        );
        worker.submit(1, "tariff".into());
        assert!(
            worker.answers.recv_timeout(Duration::from_secs(60)).is_err(),
            "a query for a dropped index is not answered; the worker ends"
        );
    }

    #[test]
    fn a_search_that_panics_is_a_failed_search_and_the_worker_goes_on() {
        fn boom(_: &SearchIndex, _: &Query, _: &AtomicBool) -> Option<Results> {
            panic!("boom")
        }
        let index = small_index();
        let mut worker = SearchWorker::spawn_with(Arc::downgrade(&index), boom);
        for generation in 1..=2 {
            worker.submit(generation, "tariff".into());
            let (answered, reply) = worker.answers.recv_timeout(Duration::from_secs(60)).unwrap();
            assert_eq!(answered, generation);
            let why = reply.unwrap_err();
            assert!(
                why.contains("the search stopped unexpectedly") && why.contains("boom"),
                "{why}"
            );
        }
    }
}
