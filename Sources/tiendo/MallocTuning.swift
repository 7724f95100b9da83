#if canImport(Glibc)
import Glibc
#endif

/// glibc's allocator settings for a long-running server.
enum MallocTuning {
    /// Stops glibc from giving the free top of a thread's heap back to the kernel on every
    /// `free`. The writer's queue frees a few KiB at each RELEASE of a write's SAVEPOINT; with
    /// the default 128 KiB threshold that `free` called madvise(MADV_DONTNEED), whose TLB
    /// shootdown interrupts the other core, and the next write faulted the pages back in:
    /// ~9% of the writer's CPU in a POST /reports profile (docs/performance.md). Memory freed
    /// stays in the process for reuse; RSS stays bounded by the peak in use.
    static func apply() {
        #if canImport(Glibc)
        // <malloc.h> is not part of the Glibc module: look mallopt(3) up by name.
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        let M_TRIM_THRESHOLD: Int32 = -1
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        _ = unsafeBitCast(symbol, to: Mallopt.self)(M_TRIM_THRESHOLD, 64 << 20)
        #endif
    }
}
