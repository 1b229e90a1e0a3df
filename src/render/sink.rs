//! Where rendered files go the moment each is made: the build hands them to the write
//! stage's folder beside the output (so the output never sits in memory whole), `serve` and
//! the brochure keep them in memory, and `check` counts them.

use std::sync::Mutex;

use super::OutFile;

/// Receives every file of the output once, from any rendering thread.
pub trait Sink: Sync {
    fn put(&self, file: OutFile);
}

/// Keeps the files in memory, for a build that is served rather than written.
#[derive(Default)]
pub struct Collect(Mutex<Vec<OutFile>>);

impl Collect {
    pub fn into_files(self) -> Vec<OutFile> {
        self.0.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

impl Sink for Collect {
    fn put(&self, file: OutFile) {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).push(file);
    }
}

/// Drops the files: `check` writes nothing.
pub struct Discard;

impl Sink for Discard {
    fn put(&self, _file: OutFile) {}
}
