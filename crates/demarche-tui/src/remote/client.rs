//! The console side: a thread that connects to the audience's socket,
//! retries while there is none, reads states, and reconnects when the
//! audience goes away. Commands are written from the event loop.

use std::io::{BufReader, Write};
use std::net::Shutdown;
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread;
use std::time::Duration;

use super::protocol::{self, Command, Message};
use super::{Event, Link, RemoteError};

/// How often a waiting console tries to connect.
const RETRY: Duration = Duration::from_millis(250);

/// How often a console turned away (the room is full) asks again.
const FULL_RETRY: Duration = Duration::from_secs(2);

type Writer = Arc<Mutex<Option<UnixStream>>>;

pub(crate) struct Client {
    writer: Writer,
    events: Receiver<Event>,
    stop: Arc<AtomicBool>,
}

fn lock(writer: &Writer) -> MutexGuard<'_, Option<UnixStream>> {
    writer.lock().unwrap_or_else(|e| e.into_inner())
}

impl Client {
    /// Starts connecting to `path` in the background.
    pub fn spawn(path: &Path) -> Client {
        let writer: Writer = Arc::new(Mutex::new(None));
        let stop = Arc::new(AtomicBool::new(false));
        let (tell, events) = mpsc::channel();
        let (w, s, path) = (Arc::clone(&writer), Arc::clone(&stop), path.to_path_buf());
        thread::spawn(move || run(path, w, tell, s));
        Client { writer, events, stop }
    }

    pub fn send(&self, command: &Command) -> Result<(), RemoteError> {
        let line = protocol::encode(&Message::Command(command.clone()));
        let mut writer = lock(&self.writer);
        let stream = writer.as_mut().ok_or(RemoteError::NotConnected)?;
        stream
            .write_all(line.as_bytes())
            .map_err(|_| RemoteError::NotConnected)
    }

    /// Everything heard since the last call.
    pub fn events(&self) -> Vec<Event> {
        self.events.try_iter().collect()
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(stream) = lock(&self.writer).take() {
            let _ = stream.shutdown(Shutdown::Both);
        }
    }
}

/// Sends a link change once, not on every retry. False when the app is gone.
fn announce(tell: &Sender<Event>, link: &mut Option<Link>, now: Link) -> bool {
    if *link == Some(now) {
        return true;
    }
    *link = Some(now);
    tell.send(Event::Link(now)).is_ok()
}

fn run(path: PathBuf, writer: Writer, tell: Sender<Event>, stop: Arc<AtomicBool>) {
    let mut link = None;
    while !stop.load(Ordering::SeqCst) {
        let stream = match UnixStream::connect(&path) {
            Ok(stream) => stream,
            Err(_) => {
                // Still "lost" after a presentation ended; "waiting" before the first.
                let now = link
                    .filter(|&l| l == Link::Lost || l == Link::Full)
                    .map_or(Link::Waiting, |_| Link::Lost);
                if !announce(&tell, &mut link, now) {
                    return;
                }
                thread::sleep(RETRY);
                continue;
            }
        };
        let Ok(write_half) = stream.try_clone() else {
            continue;
        };
        let mut reader = BufReader::new(stream);
        // The room's first line is the state, or why it turns us away.
        let mut first = protocol::read_message(&mut reader);
        if let Ok(Some(Ok(Message::Refused { reason }))) = &first {
            let news = link != Some(Link::Full);
            let notice = Event::Notice(format!("the presentation turned this console away: {reason}"));
            if (news && tell.send(notice).is_err()) || !announce(&tell, &mut link, Link::Full) {
                return;
            }
            // A place frees when another console closes: ask now and then.
            thread::sleep(FULL_RETRY);
            continue;
        }
        *lock(&writer) = Some(write_half);
        // The status line said it was turned away: now it is not.
        if link == Some(Link::Full)
            && tell
                .send(Event::Notice("a place came free: attached".into()))
                .is_err()
        {
            return;
        }
        if stop.load(Ordering::SeqCst) || !announce(&tell, &mut link, Link::Connected) {
            return;
        }
        while let Ok(Some(message)) = first {
            let event = match message {
                Ok(Message::State(state)) => Event::State(state),
                Ok(Message::Command(_) | Message::Refused { .. }) => {
                    Event::Dropped("dropped a message out of place from the presentation".into())
                }
                Err(e) => Event::Dropped(protocol::log_line(&e)),
            };
            if tell.send(event).is_err() {
                return;
            }
            first = protocol::read_message(&mut reader);
        }
        lock(&writer).take();
        if stop.load(Ordering::SeqCst) || !announce(&tell, &mut link, Link::Lost) {
            return;
        }
    }
}
