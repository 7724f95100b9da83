import Testing
@testable import TiendoHTTP
import CLinuxEvents
#if canImport(Glibc)
import Glibc
#endif

@Suite struct EpollTests {
    @Test func epollEventLayoutMatchesTheKernelABI() {
        #if arch(x86_64)
        // The kernel's struct epoll_event is packed on x86_64: 4-byte events, 8-byte data at offset 4.
        #expect(MemoryLayout<epoll_event>.size == 12)
        #expect(MemoryLayout<epoll_event>.stride == 12)
        #expect(MemoryLayout<epoll_event>.offset(of: \epoll_event.data) == 4)
        #else
        #expect(MemoryLayout<epoll_event>.size == 16)
        #expect(MemoryLayout<epoll_event>.offset(of: \epoll_event.data) == 8)
        #endif
    }

    @Test func eventfdWakesEpollAndCarriesTheDescriptor() throws {
        let ep = Epoll.create()
        #expect(ep >= 0)
        defer { close(ep) }
        let efd = Epoll.makeEventfd()
        #expect(efd >= 0)
        defer { close(efd) }
        #expect(Epoll.control(ep, Epoll.ctlAdd, efd, Epoll.IN) == 0)
        let buf = Epoll.EventBuffer(capacity: 4)
        defer { buf.deallocate() }
        #expect(buf.wait(ep, timeoutMs: 0) == 0)
        var one: UInt64 = 1
        #expect(write(efd, &one, 8) == 8)
        #expect(buf.wait(ep, timeoutMs: 1000) == 1)
        #expect(buf[0].fd == efd)
        #expect(buf[0].events & Epoll.IN != 0)
        #expect(Epoll.IN == 0x001 && Epoll.OUT == 0x004 && Epoll.ERR == 0x008 && Epoll.HUP == 0x010)
    }
}
