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

/// Basis statuses of a row or column (mirror GLPK's GLP_BS … GLP_NS).
enum { VC_BASIC = 1, VC_AT_LOWER = 2, VC_AT_UPPER = 3, VC_FREE_NONBASIC = 4, VC_FIXED_NONBASIC = 5 };

/// Cut families for branch and bound (bit flags).
enum { VC_CUT_MIR = 1, VC_CUT_GOMORY = 2, VC_CUT_COVER = 4, VC_CUT_CLIQUE = 8 };

/// Primal heuristics of branch and bound (bit flags). GLPK's default is rounding only.
enum { VC_HEUR_ROUNDING = 1, VC_HEUR_PUMP = 2, VC_HEUR_PROXIMITY = 4 };

/// Branching rules (0: GLPK's default, Driebeck–Tomlin).
enum { VC_BRANCH_DEFAULT = 0, VC_BRANCH_PSEUDOCOST = 1, VC_BRANCH_MOST_FRACTIONAL = 2 };

/// Node selection (0: GLPK's default, best local bound).
enum { VC_SELECT_DEFAULT = 0, VC_SELECT_DEPTH_FIRST = 1, VC_SELECT_BEST_PROJECTION = 2 };

/// Outcome of vc_solve.
enum {
    VC_STATUS_OPTIMAL = 0,      // proven optimal (MIP: within the requested relative gap)
    VC_STATUS_FEASIBLE = 1,     // a feasible solution, stopped early (time limit or interrupt)
    VC_STATUS_INFEASIBLE = 2,   // no feasible solution exists
    VC_STATUS_UNBOUNDED = 3,    // objective unbounded
    VC_STATUS_NO_SOLUTION = 4,  // stopped (time limit or interrupt) before any feasible solution was found
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

/// Receives branch-and-bound progress: the incumbent's objective (has_incumbent 0: none yet) and
/// the best bound, each time the tree is about to pick a node.
typedef void (*vc_progress_fn)(void *ctx, int has_incumbent, double incumbent, double bound);

/// Solver settings.
typedef struct {
    int time_limit_ms;      // <= 0: none
    double mip_gap;         // relative MIP gap tolerance
    int presolve;           // 1: use the LP presolver (ignored when a starting basis is given)
    int dual_simplex;       // 1: dual simplex with the long-step ratio test, else primal
    int solve;              // 0: only write lp_path
    const char *lp_path;    // write CPLEX LP here first, or NULL
    vc_log_fn log;          // or NULL to discard the output
    void *log_ctx;
    const int *basis_rows;  // [rows] starting basis statuses (VC_BASIC …), or NULL
    const int *basis_cols;  // [cols], given together with basis_rows
    int cuts;               // VC_CUT_* flags
    int heuristics;         // VC_HEUR_* flags
    int branching;          // VC_BRANCH_*
    int selection;          // VC_SELECT_*
    const double *start;    // [cols] an integer-feasible solution (checked by the caller), or NULL
    const volatile int *interrupt;  // when it points at a non-zero value, branch and bound stops
    vc_progress_fn progress;        // or NULL
    void *progress_ctx;
} vc_options;

/// What came back. The arrays are caller-owned ([cols] or [rows]) or NULL.
typedef struct {
    int status;
    int glpk_code;          // GLPK's return code of the last routine, for diagnostics
    int is_mip;
    int has_duals;          // 1 when row_duals / col_duals hold the LP relaxation's duals
    int has_basis;          // 1 when basis_rows_out / basis_cols_out hold the LP's final basis
    int interrupted;        // 1 when *interrupt stopped branch and bound
    int start_accepted;     // 1 when GLPK took the start solution as its incumbent
    double objective;
    double bound;           // best bound (minimise: lower, maximise: upper)
    double lp_objective;    // LP relaxation optimum, when solved
    double *col_values;
    double *row_duals;
    double *col_duals;      // reduced costs
    int *basis_rows_out;
    int *basis_cols_out;
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
