// The whole C surface of village-counsel's GLPK boundary.
//
// One call builds a problem from plain arrays, optionally writes it in CPLEX LP format, solves it,
// reads the solution back and deletes the problem, all on the calling thread and inside one
// setjmp scope (GLPK's error hook can only leave by longjmp; see ../shared/GLPK-NOTES.md).
// The Swift side validates every index, bound and coefficient before calling, so the jump is a
// safety net, not the protection.
#ifndef VC_GLPK_H
#define VC_GLPK_H

#ifdef __cplusplus
extern "C" {
#endif

/// Column kinds.
enum { VC_CONTINUOUS = 0, VC_INTEGER = 1 };

/// Bound types (mirror GLPK's GLP_FR … GLP_FX without exposing glpk.h to Swift).
enum { VC_FREE = 1, VC_LOWER = 2, VC_UPPER = 3, VC_DOUBLE = 4, VC_FIXED = 5 };

/// Outcome of vc_solve.
enum {
    VC_STATUS_OPTIMAL = 0,      // proven optimal (MIP: within the requested relative gap)
    VC_STATUS_FEASIBLE = 1,     // a feasible solution, stopped early (time limit)
    VC_STATUS_INFEASIBLE = 2,   // no feasible solution exists
    VC_STATUS_UNBOUNDED = 3,    // objective unbounded
    VC_STATUS_NO_SOLUTION = 4,  // stopped (time limit) before any feasible solution was found
    VC_STATUS_WRITTEN = 5,      // only the LP file was written (solve == 0)
    VC_STATUS_ERROR = -1        // GLPK reported an error; see vc_result.error
};

/// A problem as plain arrays. Matrix arrays are 1-based like GLPK's (element 0 unused).
typedef struct {
    int rows;
    int cols;
    int minimize;                   // 1 to minimise, 0 to maximise
    double obj_const;
    const double *obj;              // [cols]
    const int *col_kind;            // [cols] VC_CONTINUOUS / VC_INTEGER
    const int *col_type;            // [cols] VC_FREE … VC_FIXED
    const double *col_lb;           // [cols]
    const double *col_ub;           // [cols]
    const int *row_type;            // [rows]
    const double *row_lb;           // [rows]
    const double *row_ub;           // [rows]
    int nnz;
    const int *ia;                  // [nnz + 1], 1-based row indices
    const int *ja;                  // [nnz + 1], 1-based column indices
    const double *ar;               // [nnz + 1]
    const char *const *col_names;   // [cols] or NULL
    const char *const *row_names;   // [rows] or NULL
    const char *name;               // or NULL
} vc_model;

/// Receives GLPK's terminal output, one chunk at a time.
typedef void (*vc_log_fn)(void *ctx, const char *text);

/// Solver settings.
typedef struct {
    int time_limit_ms;      // <= 0: none
    double mip_gap;         // relative MIP gap tolerance
    int presolve;           // 1: use the LP presolver
    int dual_simplex;       // 1: dual simplex with the long-step ratio test, else primal
    int solve;              // 0: only write lp_path
    const char *lp_path;    // write CPLEX LP here first, or NULL
    vc_log_fn log;          // or NULL to discard the output
    void *log_ctx;
} vc_options;

/// What came back. col_values and row_duals are caller-owned arrays ([cols], [rows]) or NULL.
typedef struct {
    int status;
    int glpk_code;          // GLPK's return code of the last routine, for diagnostics
    int is_mip;
    int has_duals;          // 1 when row_duals holds the LP relaxation's duals
    double objective;
    double bound;           // best bound (minimise: lower, maximise: upper)
    double lp_objective;    // LP relaxation optimum, when solved
    double *col_values;
    double *row_duals;
    char error[512];
} vc_result;

/// Builds, (writes,) solves, reads back and frees the problem on the calling thread.
/// Returns the status also stored in result->status. Frees GLPK's thread environment before
/// returning, so nothing of GLPK outlives the call.
int vc_solve(const vc_model *model, const vc_options *options, vc_result *result);

/// "5.0" or similar.
const char *vc_glpk_version(void);

#ifdef __cplusplus
}
#endif

#endif
