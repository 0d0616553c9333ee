//! The memory allocator: mimalloc for every allocation, and giving memory freed between the passes back to the system.
//!
//! mimalloc is faster than the system allocator for the many small allocations of text
//! extraction and detection (about 10% of the CPU time of a run), and unlike glibc's per-thread
//! arenas it can return what one pass freed before the next pass grows: a large dossier's pass 1
//! (page texts, the term table) must not stay resident while pass 2 redacts.

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Returns memory this thread freed to the system.
fn release_this_thread() {
    // SAFETY: mi_collect only walks the calling thread's own heap and the abandoned segments;
    // it takes no pointers and is safe to call at any time.
    unsafe { libmimalloc_sys::mi_collect(true) }
}

/// Returns memory freed so far to the system, on this thread and on every rayon worker.
pub fn release_free_memory() {
    release_this_thread();
    rayon::broadcast(|_| release_this_thread());
}
