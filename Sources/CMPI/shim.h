// Open MPI's C API for KusariDistributed (Debian: libopenmpi-dev; `pkg-config ompi-c` finds mpi.h).
//
// Open MPI defines its predefined handles (MPI_COMM_WORLD, MPI_FLOAT, MPI_SUM, …) and MPI_IN_PLACE as
// macros that cast the address of a global object; Swift cannot import such macros. The static inline
// functions below give each one a name Swift can call.
#ifndef KUSARI_CMPI_SHIM_H
#define KUSARI_CMPI_SHIM_H

#include <mpi.h>

static inline MPI_Comm kusari_mpi_comm_world(void) { return MPI_COMM_WORLD; }
static inline MPI_Datatype kusari_mpi_float(void) { return MPI_FLOAT; }
static inline MPI_Datatype kusari_mpi_double(void) { return MPI_DOUBLE; }
static inline MPI_Datatype kusari_mpi_int(void) { return MPI_INT; }
static inline MPI_Op kusari_mpi_sum(void) { return MPI_SUM; }
static inline MPI_Op kusari_mpi_max(void) { return MPI_MAX; }
static inline MPI_Op kusari_mpi_min(void) { return MPI_MIN; }
static inline void *kusari_mpi_in_place(void) { return MPI_IN_PLACE; }
static inline MPI_Errhandler kusari_mpi_errors_return(void) { return MPI_ERRORS_RETURN; }
static inline int kusari_mpi_success(void) { return MPI_SUCCESS; }
static inline int kusari_mpi_max_error_string(void) { return MPI_MAX_ERROR_STRING; }

#endif
