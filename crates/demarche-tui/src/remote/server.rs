//! The audience side: owns the truth, accepts consoles on the socket and
//! broadcasts state. Nothing here can hold up the room's screen:
//!
//! - at most `MAX_CONSOLES` consoles at once; another is told why and
//!   let go, so idle connections cannot pile up threads;
//! - each console has a bounded queue of lines, filled without blocking
//!   and written by a thread of its own; a console that does not read for
//!   `STALL` (its write times out), or lets its queue fill, is dropped and
//!   the room is told on its marker;
//! - the lock around the console list is only held to queue or remove.

use std::io::{BufReader, Write};
use std::net::Shutdown;
use std::os::unix::fs::FileTypeExt;
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender, SyncSender, TrySendError};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread;
use std::time::{Duration, Instant};

use super::protocol::{self, Message, State};
use super::{Event, RemoteError};

/// Consoles attached at once.
pub(crate) const MAX_CONSOLES: usize = 8;

/// Lines waiting for one console; states only go out on a change, so a
/// console this far behind is not reading.
const QUEUE: usize = 32;

/// How long a console may leave a line unread before it is dropped.
pub(crate) const STALL: Duration = Duration::from_secs(1);

/// One attached console: its queue, and its stream to shut when dropped.
struct Attached {
    id: u64,
    queue: SyncSender<Arc<str>>,
    stream: UnixStream,
}

#[derive(Default)]
struct Shared {
    consoles: Vec<Attached>,
    next_id: u64,
    /// The last state broadcast and when, for consoles that attach later.
    last: Option<(State, Instant)>,
}

impl Shared {
    /// Lets console `id` go; the number left if it was still attached.
    fn remove(&mut self, id: u64) -> Option<usize> {
        let at = self.consoles.iter().position(|c| c.id == id)?;
        let gone = self.consoles.remove(at);
        let _ = gone.stream.shutdown(Shutdown::Both);
        Some(self.consoles.len())
    }
}

pub(crate) struct Server {
    path: PathBuf,
    shared: Arc<Mutex<Shared>>,
    events: Receiver<Event>,
    tell: Sender<Event>,
    stop: Arc<AtomicBool>,
}

fn lock(shared: &Mutex<Shared>) -> MutexGuard<'_, Shared> {
    // A thread that panicked leaves the list usable.
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

/// What the room's marker says when a console is dropped for not reading.
fn stalled(id: u64) -> Event {
    Event::Notice(format!(
        "console {} stopped reading and was let go; it can attach again",
        id + 1
    ))
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
        let (s, t, st) = (Arc::clone(&shared), tell.clone(), Arc::clone(&stop));
        thread::spawn(move || accept(listener, s, t, st));
        Ok(Server {
            path: path.to_path_buf(),
            shared,
            events,
            tell,
            stop,
        })
    }

    /// Queues `state` for every console, never waiting on one; a console
    /// whose queue is full is let go.
    pub(crate) fn broadcast(&self, state: &State) {
        let line: Arc<str> = protocol::encode(&Message::State(state.clone())).into();
        let mut shared = lock(&self.shared);
        shared.last = Some((state.clone(), Instant::now()));
        let mut full = Vec::new();
        for console in &shared.consoles {
            if let Err(TrySendError::Full(_)) = console.queue.try_send(Arc::clone(&line)) {
                full.push(console.id);
            }
        }
        for id in full {
            if let Some(count) = shared.remove(id) {
                let _ = self.tell.send(stalled(id));
                let _ = self.tell.send(Event::Consoles(count));
            }
        }
    }

    /// Everything heard since the last call.
    pub fn events(&self) -> Vec<Event> {
        self.events.try_iter().collect()
    }

    pub fn consoles(&self) -> usize {
        lock(&self.shared).consoles.len()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag and lets the socket go.
        let _ = UnixStream::connect(&self.path);
        let _ = std::fs::remove_file(&self.path);
        for console in lock(&self.shared).consoles.drain(..) {
            let _ = console.stream.shutdown(Shutdown::Both);
        }
    }
}

fn accept(listener: UnixListener, shared: Arc<Mutex<Shared>>, tell: Sender<Event>, stop: Arc<AtomicBool>) {
    for stream in listener.incoming() {
        if stop.load(Ordering::SeqCst) {
            return;
        }
        let Ok(stream) = stream else { continue };
        if let Some(count) = attach(stream, &shared, &tell) {
            let _ = tell.send(Event::Consoles(count));
        }
    }
}

/// Takes a new console on, with a writer and a reader thread of its own;
/// the number of consoles when it was taken, `None` if it was not.
fn attach(stream: UnixStream, shared: &Arc<Mutex<Shared>>, tell: &Sender<Event>) -> Option<usize> {
    let _ = stream.set_write_timeout(Some(STALL));
    let (Ok(reader), Ok(writer)) = (stream.try_clone(), stream.try_clone()) else {
        return None;
    };
    let (queue, lines) = mpsc::sync_channel(QUEUE);
    let (id, count) = {
        let mut s = lock(shared);
        if s.consoles.len() >= MAX_CONSOLES {
            drop(s);
            refuse(stream, tell);
            return None;
        }
        // A console that attaches mid-talk starts at the current slide.
        if let Some((state, sent)) = &s.last {
            let _ = queue.try_send(line_for(state, *sent).into());
        }
        let id = s.next_id;
        s.next_id += 1;
        s.consoles.push(Attached { id, queue, stream });
        (id, s.consoles.len())
    };
    let (s, t) = (Arc::clone(shared), tell.clone());
    thread::spawn(move || write_lines(id, writer, lines, s, t));
    let (s, t) = (Arc::clone(shared), tell.clone());
    thread::spawn(move || read_commands(id, reader, s, t));
    Some(count)
}

/// Tells a console over the limit why, and lets it go. A new socket's
/// buffer is empty, so the short line never waits.
fn refuse(mut stream: UnixStream, tell: &Sender<Event>) {
    let reason = format!("this presentation already has {MAX_CONSOLES} consoles attached");
    let _ = stream.write_all(
        protocol::encode(&Message::Refused {
            reason: reason.clone(),
        })
        .as_bytes(),
    );
    let _ = stream.shutdown(Shutdown::Both);
    let _ = tell.send(Event::Dropped(format!("a console was refused: {reason}")));
}

/// Writes one console's lines as they come; a write that times out (the
/// console does not read) drops it.
fn write_lines(
    id: u64,
    mut stream: UnixStream,
    lines: Receiver<Arc<str>>,
    shared: Arc<Mutex<Shared>>,
    tell: Sender<Event>,
) {
    // The queue's sender goes when the console is let go: the loop ends.
    for line in lines {
        if stream.write_all(line.as_bytes()).is_err() {
            if let Some(count) = lock(&shared).remove(id) {
                let _ = tell.send(stalled(id));
                let _ = tell.send(Event::Consoles(count));
            }
            return;
        }
    }
}

/// Reads one console's commands until it goes away.
fn read_commands(id: u64, stream: UnixStream, shared: Arc<Mutex<Shared>>, tell: Sender<Event>) {
    let mut reader = BufReader::new(stream);
    while let Ok(Some(message)) = protocol::read_message(&mut reader) {
        let event = match message {
            Ok(Message::Command(command)) => Event::Command(command),
            Ok(Message::State(_) | Message::Refused { .. }) => {
                Event::Dropped("dropped a message: a console sent what only the room sends".into())
            }
            Err(e) => Event::Dropped(protocol::log_line(&e)),
        };
        if tell.send(event).is_err() {
            return;
        }
    }
    if let Some(count) = lock(&shared).remove(id) {
        let _ = tell.send(Event::Consoles(count));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A console that reads nothing: once its socket buffer is full, the
    /// write times out and the console is let go, the room told.
    #[test]
    fn a_console_that_leaves_a_line_unread_is_let_go_after_the_write_timeout() {
        let (room_end, console_end) = UnixStream::pair().unwrap();
        room_end
            .set_write_timeout(Some(Duration::from_millis(50)))
            .unwrap();
        let shared = Arc::new(Mutex::new(Shared::default()));
        let (queue, lines) = mpsc::sync_channel(QUEUE);
        lock(&shared).consoles.push(Attached {
            id: 0,
            queue: queue.clone(),
            stream: room_end.try_clone().unwrap(),
        });
        let (tell, heard) = mpsc::channel();
        let s = Arc::clone(&shared);
        let writer = thread::spawn(move || write_lines(0, room_end, lines, s, tell));
        // Lines until the writer is stuck on the full buffer and gives up.
        let line: Arc<str> = "x".repeat(64 * 1024).into();
        let start = Instant::now();
        while queue.send(Arc::clone(&line)).is_ok() {
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "the writer never gave up"
            );
        }
        writer.join().unwrap();
        assert_eq!(lock(&shared).consoles.len(), 0);
        let heard: Vec<Event> = heard.try_iter().collect();
        assert_eq!(heard, [stalled(0), Event::Consoles(0)]);
        drop(console_end);
    }
}
