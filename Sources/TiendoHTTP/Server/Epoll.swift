#if canImport(Glibc)
import Glibc
#endif
import CLinuxEvents

/// epoll(7) and eventfd(2) for Swift on Linux, through the CLinuxEvents system module
/// (a header shim over <sys/epoll.h>, <sys/eventfd.h> and <sys/socket.h>; all in libc).
///
/// `struct epoll_event` is `__attribute__((packed))` on x86_64 (12 bytes, `data` at offset 4)
/// and naturally aligned elsewhere (16 bytes); the clang importer keeps that layout, which
/// EpollTests checks, so the imported type is used directly.
enum Epoll {
    static let IN: UInt32 = EPOLLIN.rawValue
    static let OUT: UInt32 = EPOLLOUT.rawValue
    static let ERR: UInt32 = EPOLLERR.rawValue
    static let HUP: UInt32 = EPOLLHUP.rawValue
    static let RDHUP: UInt32 = EPOLLRDHUP.rawValue
    static let ctlAdd: Int32 = EPOLL_CTL_ADD
    static let ctlDel: Int32 = EPOLL_CTL_DEL
    static let ctlMod: Int32 = EPOLL_CTL_MOD

    static func create() -> Int32 { epoll_create1(Int32(EPOLL_CLOEXEC)) }

    static func makeEventfd() -> Int32 { eventfd(0, Int32(EFD_NONBLOCK) | Int32(EFD_CLOEXEC)) }

    /// accept + non-blocking + close-on-exec in one call.
    static func accept(_ listenFd: Int32, _ addr: UnsafeMutablePointer<sockaddr>?,
                       _ len: UnsafeMutablePointer<socklen_t>?) -> Int32 {
        accept4(listenFd, addr, len, Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue))
    }

    /// epoll_ctl with the descriptor itself as the event's data.
    static func control(_ epfd: Int32, _ op: Int32, _ fd: Int32, _ events: UInt32) -> Int32 {
        var ev = epoll_event()
        ev.events = events
        ev.data.u64 = UInt64(UInt32(bitPattern: fd))
        return epoll_ctl(epfd, op, fd, &ev)
    }

    /// A reusable array of events for epoll_wait.
    struct EventBuffer {
        let capacity: Int
        let events: UnsafeMutablePointer<epoll_event>
        init(capacity: Int) {
            self.capacity = capacity
            events = .allocate(capacity: capacity)
            events.initialize(repeating: epoll_event(), count: capacity)
        }
        func deallocate() { events.deallocate() }
        func wait(_ epfd: Int32, timeoutMs: Int32) -> Int32 {
            epoll_wait(epfd, events, Int32(capacity), timeoutMs)
        }
        subscript(i: Int) -> (events: UInt32, fd: Int32) {
            let ev = events[i]
            return (ev.events, Int32(truncatingIfNeeded: ev.data.u64))
        }
    }
}
