//! The search worker: queries run on their own thread, and a newer query
//! cancels the one still running.

use super::*;

pub(super) type SearchReply = (u64, Results);

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
        let (ask, questions) = mpsc::channel::<SearchRequest>();
        let (tell, answers) = mpsc::channel::<SearchReply>();
        thread::spawn(move || {
            while let Ok(mut request) = questions.recv() {
                while let Ok(newer) = questions.try_recv() {
                    request = newer;
                }
                let (generation, text, cancel) = request;
                let Ok(query) = Query::parse(&text) else { continue };
                let Some(index) = index.upgrade() else { return };
                if let Some(results) = index.search_cancellable(&query, crate::app::RESULT_LIMIT, &cancel)
                    && tell.send((generation, results)).is_err()
                {
                    return;
                }
            }
        });
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
                break hits;
            }
        };
        assert!(!answered.hits.is_empty());
    }

    #[test]
    fn a_worker_does_not_keep_its_index_alive() {
        let data = demarche_core::load::load_str("s.toml", &demarche_core::synthetic::generate(50, 3))
            .unwrap()
            .dataset;
        let index = Arc::new(SearchIndex::new(
            &data,
            &demarche_core::text::display::DisplayText::new(&data),
        ));
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
}
