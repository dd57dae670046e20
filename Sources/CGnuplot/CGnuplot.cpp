// The C API of include/CGnuplot.h, implemented with gnuplot-iostream (a header-only C++ library over boost).
#include "CGnuplot.h"

#include <csignal>
#include <cstdlib>
#include <ctime>
#include <pthread.h>
#include <sys/wait.h>
#include <string>

#include <gnuplot-iostream.h>

namespace {

const char *const defaultCommand = "gnuplot";

std::string commandOrDefault(const char *command) {
    return (command != nullptr && command[0] != '\0') ? std::string(command) : std::string(defaultCommand);
}

// Blocks SIGPIPE in this thread for its lifetime; on exit drops a SIGPIPE raised meanwhile and restores the mask.
// Writing into the pipe of a gnuplot that has already exited then fails with EPIPE instead of killing us.
class SigpipeGuard {
public:
    SigpipeGuard() {
        sigemptyset(&pipeOnly_);
        sigaddset(&pipeOnly_, SIGPIPE);
        active_ = pthread_sigmask(SIG_BLOCK, &pipeOnly_, &previous_) == 0;
    }
    ~SigpipeGuard() {
        if (!active_) return;
        sigset_t pending;
        if (sigpending(&pending) == 0 && sigismember(&pending, SIGPIPE) == 1) {
            const timespec noWait = {0, 0};
            sigtimedwait(&pipeOnly_, nullptr, &noWait);
        }
        pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
    }
    SigpipeGuard(const SigpipeGuard &) = delete;
    SigpipeGuard &operator=(const SigpipeGuard &) = delete;

private:
    sigset_t pipeOnly_;
    sigset_t previous_;
    bool active_ = false;
};

}  // namespace

extern "C" int kusari_gnuplot_available(const char *command) {
    const std::string probe = commandOrDefault(command) + " --version >/dev/null 2>&1";
    const int status = std::system(probe.c_str());
    return (status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0) ? 1 : 0;
}

extern "C" int kusari_gnuplot_run(const char *command, const char *script) {
    SigpipeGuard guard;
    try {
        bool written = false;
        {
            Gnuplot gnuplot(commandOrDefault(command));
            gnuplot << (script != nullptr ? script : "") << "\n";
            gnuplot.flush();
            written = gnuplot.good();
        }  // ~Gnuplot flushes, closes the pipe and waits for gnuplot to exit (pclose).
        return written ? KUSARI_GNUPLOT_OK : KUSARI_GNUPLOT_WRITE_FAILED;
    } catch (const std::ios_base::failure &) {
        return KUSARI_GNUPLOT_START_FAILED;
    } catch (...) {
        return KUSARI_GNUPLOT_INTERNAL_ERROR;
    }
}
