//! Waiting for input on the terminal and reading it, without crossterm's reader.
//!
//! crossterm 0.29 spins forever inside `event::poll` once its tty is gone (a killed tmux
//! session, a closed terminal window): the descriptor stays readable, `read` returns 0, and its
//! inner loop retries without checking the timeout (crossterm-rs/crossterm#793, fix proposed in
//! #1067); and an unterminated bracketed paste makes it hold every later key (see `parse`). So
//! the event loop waits here with `poll(2)`, reads the bytes itself and has `parse` decode
//! them; a hang-up or end of input ends the reader instead.

use std::io::{self, IsTerminal, Read};
use std::os::fd::{AsFd, OwnedFd};
use std::os::unix::net::UnixStream;
use std::time::Duration;

use rustix::event::{PollFd, PollFlags, Timespec};

/// What [`Tty::wait`] saw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wait {
    /// Bytes are waiting: [`Tty::read`] reads them without blocking.
    Input,
    /// Nothing arrived before the timeout.
    Timeout,
    /// A signal arrived (a resize, a stop, or an ending signal): check the size and the flags.
    Signal,
    /// The terminal is gone; nothing will ever be read again.
    HungUp,
}

/// The descriptor crossterm reads keys from (stdin when it is a terminal, else `/dev/tty`) and a
/// self-pipe the signals `SIGNALS` write to, since they may land on another thread than ours.
pub struct Tty {
    fd: OwnedFd,
    wake: UnixStream,
}

/// Signals that wake [`Tty::wait`]: a resize, a stop, and those that end the reader.
const SIGNALS: [i32; 6] = [
    signal_hook::consts::SIGWINCH,
    signal_hook::consts::SIGTSTP,
    signal_hook::consts::SIGTERM,
    signal_hook::consts::SIGHUP,
    signal_hook::consts::SIGINT,
    signal_hook::consts::SIGQUIT,
];

impl Tty {
    pub fn open() -> io::Result<Tty> {
        let stdin = io::stdin();
        let fd = if stdin.is_terminal() {
            stdin.as_fd().try_clone_to_owned()?
        } else {
            std::fs::File::open("/dev/tty")?.into()
        };
        let (wake, writer) = UnixStream::pair()?;
        for sig in SIGNALS {
            signal_hook::low_level::pipe::register(sig, writer.try_clone()?)?;
        }
        Tty::from_parts(fd, wake)
    }

    fn from_parts(fd: OwnedFd, wake: UnixStream) -> io::Result<Tty> {
        wake.set_nonblocking(true)?;
        Ok(Tty { fd, wake })
    }

    /// Reads the bytes waiting into `buf`; 0 means the terminal is gone.
    pub fn read(&self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            match rustix::io::read(&self.fd, &mut *buf) {
                Err(rustix::io::Errno::INTR) => continue,
                other => return other.map_err(io::Error::from),
            }
        }
    }

    /// Waits up to `timeout` for input, a signal or a hang-up.
    pub fn wait(&self, timeout: Duration) -> io::Result<Wait> {
        let mut fds = [PollFd::new(&self.fd, PollFlags::IN), PollFd::new(&self.wake, PollFlags::IN)];
        let timeout = Timespec::try_from(timeout).unwrap_or(Timespec { tv_sec: 1, tv_nsec: 0 });
        match rustix::event::poll(&mut fds, Some(&timeout)) {
            Ok(0) => Ok(Wait::Timeout),
            Ok(_) => {
                let tty = classify(fds[0].revents());
                if tty == Wait::Timeout && fds[1].revents().contains(PollFlags::IN) {
                    let mut buf = [0u8; 64];
                    while matches!((&self.wake).read(&mut buf), Ok(n) if n > 0) {}
                    return Ok(Wait::Signal);
                }
                Ok(tty)
            }
            Err(rustix::io::Errno::INTR) => Ok(Wait::Signal),
            Err(e) => Err(e.into()),
        }
    }
}

/// A hang-up or error wins over readable: a dead pty reports both.
fn classify(revents: PollFlags) -> Wait {
    if revents.intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL) {
        Wait::HungUp
    } else if revents.contains(PollFlags::IN) {
        Wait::Input
    } else {
        Wait::Timeout
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hang_up_wins_over_readable() {
        assert_eq!(classify(PollFlags::IN | PollFlags::HUP), Wait::HungUp);
        assert_eq!(classify(PollFlags::ERR), Wait::HungUp);
        assert_eq!(classify(PollFlags::IN), Wait::Input);
        assert_eq!(classify(PollFlags::empty()), Wait::Timeout);
    }

    #[test]
    fn a_closed_pipe_reads_as_hung_up_and_a_wake_as_a_signal() {
        let (reader, writer) = std::io::pipe().unwrap();
        let (wake, mut waker) = UnixStream::pair().unwrap();
        let tty = Tty::from_parts(reader.into(), wake).unwrap();
        assert_eq!(tty.wait(Duration::from_millis(1)).unwrap(), Wait::Timeout);
        std::io::Write::write_all(&mut waker, b"x").unwrap();
        assert_eq!(tty.wait(Duration::from_secs(5)).unwrap(), Wait::Signal);
        // The wake-up was drained: the next wait times out again.
        assert_eq!(tty.wait(Duration::from_millis(1)).unwrap(), Wait::Timeout);
        drop(writer);
        assert_eq!(tty.wait(Duration::from_secs(5)).unwrap(), Wait::HungUp);
    }
}
