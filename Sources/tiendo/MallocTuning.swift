#if canImport(Glibc)
import Glibc
#endif

/// glibc's allocator settings for a long-running server.
enum MallocTuning {
    /// Stops glibc from giving the free top of a thread's heap back to the kernel on every
    /// `free`. The writer's queue frees a few KiB at each RELEASE of a write's SAVEPOINT; with
    /// the default 128 KiB trim threshold that `free` called madvise(MADV_DONTNEED), whose TLB
    /// shootdown interrupts the other core, and the next write faulted the pages back in: ~9%
    /// of the writer's CPU in a POST /reports profile (docs/performance.md). The threshold is
    /// 8 MiB: each malloc arena (glibc makes up to 8 per core) keeps at most that much free
    /// memory at its top for reuse.
    ///
    /// Setting it also freezes glibc's otherwise adaptive mmap threshold at 128 KiB, which
    /// would turn every large body (a 1 MB batch, a big CSV answer) into an mmap/munmap pair,
    /// with the same shootdowns: so that threshold is set too, to 4 MiB.
    static func apply() {
        #if canImport(Glibc)
        // <malloc.h> is not part of the Glibc module: look mallopt(3) up by name.
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        let M_TRIM_THRESHOLD: Int32 = -1, M_MMAP_THRESHOLD: Int32 = -3
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        _ = mallopt(M_TRIM_THRESHOLD, 8 << 20)
        _ = mallopt(M_MMAP_THRESHOLD, 4 << 20)
        #endif
    }
}
