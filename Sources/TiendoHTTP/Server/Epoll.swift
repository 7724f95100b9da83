#if canImport(Glibc)
import Glibc
#endif

/// epoll(7) and eventfd(2) for Swift on Linux.
///
/// The toolchain's Glibc module map does not include <sys/epoll.h> or <sys/eventfd.h>, and the
/// package may not add a C target, so these functions (and accept4) are looked up once in libc with dlsym
/// and called through C function pointers. The ABI is stable; `struct epoll_event` is packed
/// (12 bytes) on x86_64 and naturally aligned (16 bytes) elsewhere, so events are read from
/// raw memory at the right offsets.
enum Epoll {
    static let IN: UInt32 = 0x001
    static let OUT: UInt32 = 0x004
    static let ERR: UInt32 = 0x008
    static let HUP: UInt32 = 0x010
    static let RDHUP: UInt32 = 0x2000
    static let ctlAdd: Int32 = 1
    static let ctlDel: Int32 = 2
    static let ctlMod: Int32 = 3
    static let cloexec: Int32 = 0o2000000
    static let eventfdNonblock: Int32 = 0o4000
    static let eventfdCloexec: Int32 = 0o2000000

    #if arch(x86_64)
    static let eventSize = 12
    static let dataOffset = 4
    #else
    static let eventSize = 16
    static let dataOffset = 8
    #endif

    typealias CreateFn = @convention(c) (Int32) -> Int32
    typealias CtlFn = @convention(c) (Int32, Int32, Int32, UnsafeMutableRawPointer?) -> Int32
    typealias WaitFn = @convention(c) (Int32, UnsafeMutableRawPointer?, Int32, Int32) -> Int32
    typealias EventfdFn = @convention(c) (UInt32, Int32) -> Int32
    typealias Accept4Fn = @convention(c) (Int32, UnsafeMutablePointer<sockaddr>?, UnsafeMutablePointer<socklen_t>?, Int32) -> Int32

    struct Functions: @unchecked Sendable { // immutable C function pointers
        let create: CreateFn
        let ctl: CtlFn
        let wait: WaitFn
        let eventfd: EventfdFn
        /// accept4 (hidden behind _GNU_SOURCE in the module map): accept + non-blocking + cloexec in one call.
        let accept4: Accept4Fn
    }

    static let functions: Functions = {
        let handle = dlopen(nil, RTLD_NOW)
        func sym<T>(_ name: String, _: T.Type) -> T {
            guard let p = dlsym(handle, name) else { fatalError("libc has no \(name)") }
            return unsafeBitCast(p, to: T.self)
        }
        return Functions(create: sym("epoll_create1", CreateFn.self), ctl: sym("epoll_ctl", CtlFn.self),
                         wait: sym("epoll_wait", WaitFn.self), eventfd: sym("eventfd", EventfdFn.self),
                         accept4: sym("accept4", Accept4Fn.self))
    }()

    static func create() -> Int32 { functions.create(cloexec) }

    static func makeEventfd() -> Int32 { functions.eventfd(0, eventfdNonblock | eventfdCloexec) }

    /// epoll_ctl with the descriptor itself as the event's data.
    static func control(_ epfd: Int32, _ op: Int32, _ fd: Int32, _ events: UInt32) -> Int32 {
        withUnsafeTemporaryAllocation(byteCount: 16, alignment: 8) { buf in
            buf.initializeMemory(as: UInt8.self, repeating: 0)
            buf.storeBytes(of: events, toByteOffset: 0, as: UInt32.self)
            buf.storeBytes(of: UInt64(UInt32(bitPattern: fd)), toByteOffset: dataOffset, as: UInt64.self)
            return functions.ctl(epfd, op, fd, buf.baseAddress)
        }
    }

    /// A reusable array of events for epoll_wait.
    struct EventBuffer {
        let capacity: Int
        let raw: UnsafeMutableRawPointer
        init(capacity: Int) {
            self.capacity = capacity
            raw = .allocate(byteCount: capacity * Epoll.eventSize, alignment: 8)
        }
        func deallocate() { raw.deallocate() }
        func wait(_ epfd: Int32, timeoutMs: Int32) -> Int32 {
            Epoll.functions.wait(epfd, raw, Int32(capacity), timeoutMs)
        }
        subscript(i: Int) -> (events: UInt32, fd: Int32) {
            let base = raw + i * Epoll.eventSize
            let ev = base.loadUnaligned(as: UInt32.self)
            let data = (base + Epoll.dataOffset).loadUnaligned(as: UInt64.self)
            return (ev, Int32(truncatingIfNeeded: data))
        }
    }
}
