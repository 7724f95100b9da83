// epoll(7), eventfd(2) and accept4(2) for TiendoHTTP. The toolchain's Glibc module map
// includes neither <sys/epoll.h> nor <sys/eventfd.h>. Everything here is in libc, so the
// module links nothing.
#ifndef TIENDO_CLINUXEVENTS_SHIM_H
#define TIENDO_CLINUXEVENTS_SHIM_H
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>

// accept4 is declared by <sys/socket.h> only under _GNU_SOURCE. Defining _GNU_SOURCE here
// does not work: it changes libc's own types (sockaddr arguments become a transparent union,
// fd_set's fields are renamed), which then disagree with the Glibc module's copies of the same
// headers ("'__fds_bits' from module 'CDispatch' is not present in definition of 'fd_set'").
// So declare the one function with its plain prototype (glibc >= 2.10, Linux >= 2.6.28).
#ifndef __USE_GNU
extern int accept4(int __fd, struct sockaddr *__restrict __addr,
                   socklen_t *__restrict __addr_len, int __flags);
#endif
#endif
