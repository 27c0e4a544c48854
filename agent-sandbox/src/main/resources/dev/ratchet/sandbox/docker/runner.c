/*
 * ratchet-runner: runs commands inside a warm sandbox container for the host, one at a time, so
 * that a command costs a message instead of a docker exec.
 *
 * It reads requests on stdin and writes replies on stdout (its own, which Docker carries to the
 * host). Every integer is big-endian.
 *
 *   request:  "RRQ2" u32 argc {u32 len, bytes}*argc u32 envc {u32 len, bytes "K=V"}*envc
 *             u32 len, workdir bytes, u32 deadline in milliseconds (0: none)
 *   reply:    zero or more output frames: 'O' u8 stream(1 out, 2 err) u32 len bytes
 *             then one end frame:          'X' i32 exit code (128+signal when killed)
 *                                      or  'T' i32 exit code: killed at the deadline
 *
 * The command runs with exactly the request's environment, stdin from /dev/null, its output on
 * pipes of its own. When it ends, or at its deadline, every process it started is killed
 * (kill(-1): all processes of this uid but this one), so the container stays usable. The runner makes itself non-dumpable first, so that processes of the
 * same uid cannot open its /proc entries (fd, mem, environ): a command cannot write into the
 * reply stream, read the requests, or patch this process. A command can still kill the runner;
 * the host then sees the stream end without an end frame and reports the command as killed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int child_ended[2];

static void die(const char *what) {
  fprintf(stderr, "ratchet-runner: %s: %s\n", what, strerror(errno));
  exit(70);
}

static int read_full(int fd, void *buf, size_t n) {
  size_t done = 0;
  while (done < n) {
    ssize_t r = read(fd, (char *)buf + done, n - done);
    if (r == 0) return 0;
    if (r < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    done += (size_t)r;
  }
  return 1;
}

static void write_full(int fd, const void *buf, size_t n) {
  size_t done = 0;
  while (done < n) {
    ssize_t w = write(fd, (const char *)buf + done, n - done);
    if (w < 0) {
      if (errno == EINTR) continue;
      die("write reply");
    }
    done += (size_t)w;
  }
}

static uint32_t read_u32(void) {
  unsigned char b[4];
  int r = read_full(0, b, 4);
  if (r == 0) exit(0); /* the host closed the channel: the session is over */
  if (r < 0) die("read request");
  return ((uint32_t)b[0] << 24) | ((uint32_t)b[1] << 16) | ((uint32_t)b[2] << 8) | b[3];
}

static char *read_string(void) {
  uint32_t len = read_u32();
  if (len > (64u << 20)) {
    errno = EMSGSIZE;
    die("request field too long");
  }
  char *s = malloc((size_t)len + 1);
  if (!s) die("malloc");
  if (len > 0 && read_full(0, s, len) != 1) die("read request");
  s[len] = '\0';
  return s;
}

static char **read_list(void) {
  uint32_t n = read_u32();
  if (n > 65536) {
    errno = E2BIG;
    die("request list too long");
  }
  char **list = calloc((size_t)n + 1, sizeof(char *));
  if (!list) die("calloc");
  for (uint32_t i = 0; i < n; i++) list[i] = read_string();
  return list;
}

static void put_u32(unsigned char *b, uint32_t v) {
  b[0] = (unsigned char)(v >> 24);
  b[1] = (unsigned char)(v >> 16);
  b[2] = (unsigned char)(v >> 8);
  b[3] = (unsigned char)v;
}

static void send_output(int stream, const char *data, size_t n) {
  unsigned char head[6];
  head[0] = 'O';
  head[1] = (unsigned char)stream;
  put_u32(head + 2, (uint32_t)n);
  write_full(1, head, sizeof head);
  write_full(1, data, n);
}

static void send_end(char kind, int32_t code) {
  unsigned char frame[5];
  frame[0] = (unsigned char)kind;
  put_u32(frame + 1, (uint32_t)code);
  write_full(1, frame, sizeof frame);
}

static const char *env_path(char **envp) {
  for (char **e = envp; *e; e++) {
    if (strncmp(*e, "PATH=", 5) == 0) return *e + 5;
  }
  return "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
}

/* In the child: execve argv[0], searching the request's PATH when it names no directory. */
static void exec_command(char **argv, char **envp) {
  if (strchr(argv[0], '/')) {
    execve(argv[0], argv, envp);
    return;
  }
  const char *path = env_path(envp);
  size_t name = strlen(argv[0]);
  int saved = ENOENT;
  while (*path) {
    const char *end = strchr(path, ':');
    size_t dir = end ? (size_t)(end - path) : strlen(path);
    char full[4096];
    if (dir + 1 + name + 1 <= sizeof full) {
      memcpy(full, path, dir);
      full[dir] = '/';
      memcpy(full + dir + 1, argv[0], name + 1);
      execve(full, argv, envp);
      if (errno != ENOENT && errno != ENOTDIR) saved = errno;
    }
    path = end ? end + 1 : path + dir;
  }
  errno = saved;
}

static int64_t now_millis(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static void run(char **argv, char **envp, const char *workdir, uint32_t deadline_millis) {
  int64_t deadline = deadline_millis ? now_millis() + deadline_millis : 0;
  int timed_out = 0;
  int out[2], err[2];
  if (pipe2(out, O_CLOEXEC) || pipe2(err, O_CLOEXEC)) die("pipe");
  pid_t pid = fork();
  if (pid < 0) die("fork");
  if (pid == 0) {
    int devnull = open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (devnull < 0 || dup2(devnull, 0) < 0 || dup2(out[1], 1) < 0 || dup2(err[1], 2) < 0) {
      _exit(126);
    }
    for (int s = 1; s < 32; s++) signal(s, SIG_DFL);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    if (workdir[0] && chdir(workdir) != 0) {
      dprintf(2, "ratchet-runner: cannot enter %s: %s\n", workdir, strerror(errno));
      _exit(126);
    }
    exec_command(argv, envp);
    int e = errno;
    dprintf(2, "ratchet-runner: cannot run %s: %s\n", argv[0], strerror(e));
    _exit(e == ENOENT ? 127 : 126);
  }
  close(out[1]);
  close(err[1]);
  /* Read both streams until they close. Processes the command left behind may hold them open,
   * so when the command itself ends (SIGCHLD, through the self-pipe), they are killed. */
  struct pollfd fds[3] = {{out[0], POLLIN, 0}, {err[0], POLLIN, 0}, {child_ended[0], POLLIN, 0}};
  int open_streams = 2;
  int status = 0;
  int reaped = 0;
  static char buf[65536];
  while (open_streams > 0) {
    int wait = -1;
    if (deadline && !timed_out) {
      int64_t left = deadline - now_millis();
      if (left <= 0) {
        /* The deadline (checked before each poll: a flood of output never lets poll time out).
         * Everything the command started dies, so its streams close. */
        timed_out = 1;
        kill(-1, SIGKILL);
        continue;
      }
      wait = left > INT32_MAX ? INT32_MAX : (int)left;
    }
    if (poll(fds, 3, wait) < 0) {
      if (errno == EINTR) continue;
      die("poll");
    }
    if (fds[2].revents & POLLIN) {
      char drain[64];
      while (read(child_ended[0], drain, sizeof drain) > 0) {
      }
      if (!reaped && waitpid(pid, &status, WNOHANG) == pid) {
        reaped = 1;
        kill(-1, SIGKILL);
      }
    }
    for (int i = 0; i < 2; i++) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      ssize_t n = read(fds[i].fd, buf, sizeof buf);
      if (n > 0) {
        send_output(i + 1, buf, (size_t)n);
      } else if (n == 0 || errno != EINTR) {
        close(fds[i].fd);
        fds[i].fd = -1;
        open_streams--;
      }
    }
  }
  while (!reaped && waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) die("waitpid");
  }
  /* Whatever the command left running (daemons, sleepers) dies, and is reaped, before the end
   * frame: orphans are re-parented here (the subreaper), so waiting until there is no child left
   * means none is left, not even as a zombie. Each reaped child is followed by another sweep, in
   * case a fork slipped past the one before. */
  for (;;) {
    kill(-1, SIGKILL);
    if (waitpid(-1, NULL, 0) < 0) {
      if (errno == EINTR) continue;
      break; /* ECHILD: nothing is left */
    }
  }
  send_end(timed_out ? 'T' : 'X', WIFEXITED(status) ? WEXITSTATUS(status)
                                                     : 128 + WTERMSIG(status));
}

static void on_child(int sig) {
  (void)sig;
  int saved = errno;
  char one = 1;
  (void)!write(child_ended[1], &one, 1);
  errno = saved;
}

int main(void) {
  if (getuid() == 0 || geteuid() == 0) {
    /* kill(-1) as root would end every process of the machine: never run as root. */
    fprintf(stderr, "ratchet-runner: refusing to run as root\n");
    return 70;
  }
  if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0) die("prctl(PR_SET_DUMPABLE)");
  if (pipe2(child_ended, O_CLOEXEC | O_NONBLOCK) != 0) die("pipe");
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_child;
  sa.sa_flags = SA_RESTART | SA_NOCLDSTOP;
  sigaction(SIGCHLD, &sa, NULL);
  /* Orphans of commands are re-parented here, so they can be reaped. */
  prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
  signal(SIGPIPE, SIG_IGN);
  for (;;) {
    unsigned char magic[4];
    int r = read_full(0, magic, 4);
    if (r == 0) return 0;
    if (r < 0) die("read request");
    if (memcmp(magic, "RRQ2", 4) != 0) {
      errno = EPROTO;
      die("bad request");
    }
    char **argv = read_list();
    char **envp = read_list();
    char *workdir = read_string();
    uint32_t deadline_millis = read_u32();
    if (!argv[0]) {
      send_output(2, "ratchet-runner: empty argv\n", 27);
      send_end('X', 126);
    } else {
      run(argv, envp, workdir, deadline_millis);
    }
    for (char **a = argv; *a; a++) free(*a);
    for (char **e = envp; *e; e++) free(*e);
    free(argv);
    free(envp);
    free(workdir);
  }
}
