// CGnuplot: a plain-C API over gnuplot-iostream.h, so Swift can drive gnuplot without C++ interoperability.
//
// gnuplot-iostream opens a pipe to a gnuplot process and streams commands into it. It does not report
// gnuplot's own errors back (gnuplot prints them on stderr), so callers must check the files gnuplot was
// asked to write, after kusari_gnuplot_run returns.
#ifndef KUSARI_CGNUPLOT_H
#define KUSARI_CGNUPLOT_H

#ifdef __cplusplus
extern "C" {
#endif

/// Status codes returned by kusari_gnuplot_run.
enum {
    /// The script was sent and the gnuplot process has exited.
    KUSARI_GNUPLOT_OK = 0,
    /// The gnuplot process could not be started (no pipe).
    KUSARI_GNUPLOT_START_FAILED = 1,
    /// gnuplot stopped reading before the whole script was sent (it exited early).
    KUSARI_GNUPLOT_WRITE_FAILED = 2,
    /// Any other failure inside gnuplot-iostream or boost (an exception was caught).
    KUSARI_GNUPLOT_INTERNAL_ERROR = 3,
};

/// Returns 1 when `command --version` runs and exits with status 0, else 0.
/// `command` is a shell command naming gnuplot; NULL or "" means "gnuplot" (found through PATH).
int kusari_gnuplot_available(const char *command);

/// Starts `command` (NULL or "" means "gnuplot"), sends `script` (gnuplot commands, newline-separated) to its
/// standard input through gnuplot-iostream, closes the pipe and waits for gnuplot to exit.
/// Returns one of the KUSARI_GNUPLOT_* codes. KUSARI_GNUPLOT_OK does not mean gnuplot succeeded: gnuplot's
/// errors go to stderr only, so check the output files afterwards.
/// SIGPIPE is blocked in the calling thread while writing, so an early gnuplot exit cannot kill the process.
int kusari_gnuplot_run(const char *command, const char *script);

#ifdef __cplusplus
}
#endif

#endif
