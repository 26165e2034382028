//! The audience side: owns the truth, accepts consoles on the socket,
//! reads their commands on one thread per console, and broadcasts state.
//! A console that stops reading is dropped after a short write timeout,
//! so it can never hold up the slides.

use std::io::{BufReader, Write};
use std::net::Shutdown;
use std::os::unix::fs::FileTypeExt;
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread;
use std::time::{Duration, Instant};

use super::protocol::{self, Message, State};
use super::{Event, RemoteError};

/// How long a broadcast waits on a console that does not read.
const WRITE_TIMEOUT: Duration = Duration::from_millis(100);

#[derive(Default)]
struct Shared {
    clients: Vec<(u64, UnixStream)>,
    next_id: u64,
    /// The last state broadcast and when, for consoles that attach later.
    last: Option<(State, Instant)>,
}

pub struct Server {
    path: PathBuf,
    shared: Arc<Mutex<Shared>>,
    events: Receiver<Event>,
    stop: Arc<AtomicBool>,
}

fn lock(shared: &Mutex<Shared>) -> MutexGuard<'_, Shared> {
    // A reader thread that panicked leaves the list usable.
    shared.lock().unwrap_or_else(|e| e.into_inner())
}

/// The state as of now: the elapsed time moves on from when it was sent.
fn line_for(state: &State, sent: Instant) -> String {
    let mut now = state.clone();
    now.elapsed_ms = now.elapsed_ms.saturating_add(sent.elapsed().as_millis() as u64);
    protocol::encode(&Message::State(now))
}

/// True if a server is listening on `path` (another audience window).
pub fn live(path: &Path) -> bool {
    UnixStream::connect(path).is_ok()
}

impl Server {
    /// Listens on `path`. A socket file left by a dead server is replaced;
    /// one with a live server behind it means another audience window is
    /// presenting this deck, and is left alone.
    pub fn bind(path: &Path) -> Result<Server, RemoteError> {
        if let Ok(meta) = std::fs::symlink_metadata(path) {
            if !meta.file_type().is_socket() {
                return Err(RemoteError::NotASocket(path.to_path_buf()));
            }
            if live(path) {
                return Err(RemoteError::AlreadyPresenting);
            }
            std::fs::remove_file(path).map_err(|e| RemoteError::Io(path.to_path_buf(), e))?;
        }
        let listener = UnixListener::bind(path).map_err(|e| RemoteError::Io(path.to_path_buf(), e))?;
        super::socket::make_private(path)?;
        let shared = Arc::new(Mutex::new(Shared::default()));
        let stop = Arc::new(AtomicBool::new(false));
        let (tell, events) = mpsc::channel();
        let (s, st) = (Arc::clone(&shared), Arc::clone(&stop));
        thread::spawn(move || accept(listener, s, tell, st));
        Ok(Server {
            path: path.to_path_buf(),
            shared,
            events,
            stop,
        })
    }

    /// Sends `state` to every console; consoles that cannot take it are
    /// let go.
    pub fn broadcast(&self, state: &State) {
        let line = protocol::encode(&Message::State(state.clone()));
        let mut shared = lock(&self.shared);
        shared.last = Some((state.clone(), Instant::now()));
        shared.clients.retain_mut(|(_, stream)| {
            let ok = stream.write_all(line.as_bytes()).is_ok();
            if !ok {
                let _ = stream.shutdown(Shutdown::Both);
            }
            ok
        });
    }

    /// Everything heard since the last call.
    pub fn events(&self) -> Vec<Event> {
        self.events.try_iter().collect()
    }

    pub fn consoles(&self) -> usize {
        lock(&self.shared).clients.len()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag and lets the socket go.
        let _ = UnixStream::connect(&self.path);
        let _ = std::fs::remove_file(&self.path);
        for (_, stream) in lock(&self.shared).clients.drain(..) {
            let _ = stream.shutdown(Shutdown::Both);
        }
    }
}

fn accept(listener: UnixListener, shared: Arc<Mutex<Shared>>, tell: Sender<Event>, stop: Arc<AtomicBool>) {
    for stream in listener.incoming() {
        if stop.load(Ordering::SeqCst) {
            return;
        }
        let Ok(mut stream) = stream else { continue };
        let _ = stream.set_write_timeout(Some(WRITE_TIMEOUT));
        let Ok(reader) = stream.try_clone() else { continue };
        let (id, count) = {
            let mut s = lock(&shared);
            // A console that attaches mid-talk starts at the current slide.
            if let Some((state, sent)) = &s.last
                && stream.write_all(line_for(state, *sent).as_bytes()).is_err()
            {
                continue;
            }
            let id = s.next_id;
            s.next_id += 1;
            s.clients.push((id, stream));
            (id, s.clients.len())
        };
        let _ = tell.send(Event::Consoles(count));
        let (s, t) = (Arc::clone(&shared), tell.clone());
        thread::spawn(move || read_commands(id, reader, s, t));
    }
}

/// Reads one console's commands until it goes away.
fn read_commands(id: u64, stream: UnixStream, shared: Arc<Mutex<Shared>>, tell: Sender<Event>) {
    let mut reader = BufReader::new(stream);
    while let Ok(Some(message)) = protocol::read_message(&mut reader) {
        let event = match message {
            Ok(Message::Command(command)) => Event::Command(command),
            Ok(Message::State(_)) => Event::Dropped("dropped a message: a console sent a state".into()),
            Err(e) => Event::Dropped(protocol::log_line(&e)),
        };
        if tell.send(event).is_err() {
            return;
        }
    }
    let count = {
        let mut s = lock(&shared);
        s.clients.retain(|(other, _)| *other != id);
        s.clients.len()
    };
    let _ = tell.send(Event::Consoles(count));
}
