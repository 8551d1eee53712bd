// Guarded GLPK calls. See include/vc_glpk.h for the contract.
//
// GLPK calls abort() on misuse unless an error hook leaves by longjmp (GLPK reference manual,
// glp_error_hook). Every GLPK call of the project happens inside vc_solve, under one setjmp;
// after a jump the thread's GLPK environment is freed with glp_free_env(), which also frees
// the problem object, so nothing is leaked and no stale handle survives. Scratch memory is
// allocated outside the guarded scope (in vc_solve) so that a jump cannot leak it.
#include "vc_glpk.h"

#include <glpk.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    jmp_buf jump;
    vc_log_fn log;
    void *log_ctx;
    char tail[480];        // the last text GLPK printed, for error messages
    size_t tail_len;
    int have_bound;
    double bound;
    const vc_options *options;
    const double *start;   // 1-based copy of options->start, or NULL
    int start_offered;
    int start_accepted;
    int interrupted;
} guard_ctx;

static _Thread_local guard_ctx *active_ctx = NULL;

// MARK: Hooks

static int term_hook(void *info, const char *s) {
    guard_ctx *ctx = (guard_ctx *)info;
    size_t n = strlen(s);
    if (n >= sizeof(ctx->tail)) {
        s += n - (sizeof(ctx->tail) - 1);
        n = sizeof(ctx->tail) - 1;
    }
    if (ctx->tail_len + n >= sizeof(ctx->tail)) {
        size_t keep = sizeof(ctx->tail) - 1 - n;
        memmove(ctx->tail, ctx->tail + ctx->tail_len - keep, keep);
        ctx->tail_len = keep;
    }
    memcpy(ctx->tail + ctx->tail_len, s, n);
    ctx->tail_len += n;
    ctx->tail[ctx->tail_len] = '\0';
    if (ctx->log != NULL) ctx->log(ctx->log_ctx, s);
    return 1;  // never let GLPK write to stdout itself
}

static void error_hook(void *info) {
    guard_ctx *ctx = (guard_ctx *)info;
    longjmp(ctx->jump, 1);
}

// Branch and bound: the best bound, the caller's start solution, interrupts and progress.
static void mip_callback(glp_tree *tree, void *info) {
    guard_ctx *ctx = (guard_ctx *)info;
    const vc_options *o = ctx->options;
    int p = glp_ios_best_node(tree);
    if (p != 0) {
        ctx->bound = glp_ios_node_bound(tree, p);
        ctx->have_bound = 1;
    }
    int reason = glp_ios_reason(tree);
    int start_pending = ctx->start != NULL && !ctx->start_offered;
    if (o->interrupt != NULL && *o->interrupt != 0 && !(start_pending && reason != GLP_IHEUR)) {
        // Stop, keeping the best solution; a start solution not yet offered is installed first.
        if (start_pending && glp_ios_heur_sol(tree, ctx->start) == 0) ctx->start_accepted = 1;
        ctx->start_offered = 1;
        ctx->interrupted = 1;
        glp_ios_terminate(tree);
        return;
    }
    switch (reason) {
    case GLP_IHEUR:
        if (ctx->start != NULL && !ctx->start_offered) {
            ctx->start_offered = 1;
            if (glp_ios_heur_sol(tree, ctx->start) == 0) ctx->start_accepted = 1;
        }
        break;
    case GLP_ISELECT:
        if (o->progress != NULL) {
            glp_prob *P = glp_ios_get_prob(tree);
            int has = glp_mip_status(P) == GLP_FEAS || glp_mip_status(P) == GLP_OPT;
            o->progress(o->progress_ctx, has, has ? glp_mip_obj_val(P) : 0.0, ctx->have_bound ? ctx->bound : 0.0);
        }
        break;
    default:
        break;
    }
}

// MARK: Helpers

static int glp_bound_type(int t) {
    switch (t) {
    case VC_FREE: return GLP_FR;
    case VC_LOWER: return GLP_LO;
    case VC_UPPER: return GLP_UP;
    case VC_DOUBLE: return GLP_DB;
    default: return GLP_FX;
    }
}

static int glp_basis_status(int s) {
    switch (s) {
    case VC_BASIC: return GLP_BS;
    case VC_AT_LOWER: return GLP_NL;
    case VC_AT_UPPER: return GLP_NU;
    case VC_FREE_NONBASIC: return GLP_NF;
    default: return GLP_NS;
    }
}

static int vc_basis_status(int s) {
    switch (s) {
    case GLP_BS: return VC_BASIC;
    case GLP_NL: return VC_AT_LOWER;
    case GLP_NU: return VC_AT_UPPER;
    case GLP_NF: return VC_FREE_NONBASIC;
    default: return VC_FIXED_NONBASIC;
    }
}

static void set_error(vc_result *r, const char *what, int code) {
    r->status = VC_STATUS_ERROR;
    r->glpk_code = code;
    guard_ctx *ctx = active_ctx;
    if (ctx != NULL && ctx->tail_len > 0)
        snprintf(r->error, sizeof(r->error), "%s; GLPK said: %s", what, ctx->tail);
    else
        snprintf(r->error, sizeof(r->error), "%s", what);
}

static int lp_status(glp_prob *P, int ret, vc_result *r) {
    if (ret == 0) {
        switch (glp_get_status(P)) {
        case GLP_OPT: return VC_STATUS_OPTIMAL;
        case GLP_NOFEAS: return VC_STATUS_INFEASIBLE;
        case GLP_UNBND: return VC_STATUS_UNBOUNDED;
        case GLP_FEAS: return VC_STATUS_FEASIBLE;
        default: break;
        }
        if (glp_get_dual_stat(P) == GLP_NOFEAS) return VC_STATUS_UNBOUNDED;
        if (glp_get_prim_stat(P) == GLP_NOFEAS) return VC_STATUS_INFEASIBLE;
        set_error(r, "the simplex method ended without a definite status", ret);
        return VC_STATUS_ERROR;
    }
    if (ret == GLP_ETMLIM || ret == GLP_EITLIM) {
        return glp_get_prim_stat(P) == GLP_FEAS ? VC_STATUS_FEASIBLE : VC_STATUS_NO_SOLUTION;
    }
    if (ret == GLP_ENOPFS) return VC_STATUS_INFEASIBLE;
    if (ret == GLP_ENODFS) return VC_STATUS_UNBOUNDED;
    set_error(r, "the simplex method failed (singular or ill-conditioned basis)", ret);
    return VC_STATUS_ERROR;
}

static int milliseconds_left(const vc_options *o, double started) {
    if (o->time_limit_ms <= 0) return 0;
    double spent = glp_difftime(glp_time(), started) * 1000.0;
    int left = o->time_limit_ms - (int)spent;
    return left > 1 ? left : 1;
}

// MARK: Steps

/// Loads the model into P; returns 1 when it has integer columns.
static int load_model(glp_prob *P, const vc_model *m) {
    if (m->name != NULL) glp_set_prob_name(P, m->name);
    glp_set_obj_dir(P, m->minimize ? GLP_MIN : GLP_MAX);
    glp_set_obj_coef(P, 0, m->obj_const);
    if (m->rows > 0) glp_add_rows(P, m->rows);
    if (m->cols > 0) glp_add_cols(P, m->cols);
    int any_integer = 0;
    for (int i = 0; i < m->rows; i++) {
        if (m->row_names != NULL && m->row_names[i] != NULL) glp_set_row_name(P, i + 1, m->row_names[i]);
        glp_set_row_bnds(P, i + 1, glp_bound_type(m->row_type[i]), m->row_lb[i], m->row_ub[i]);
    }
    for (int j = 0; j < m->cols; j++) {
        if (m->col_names != NULL && m->col_names[j] != NULL) glp_set_col_name(P, j + 1, m->col_names[j]);
        glp_set_col_bnds(P, j + 1, glp_bound_type(m->col_type[j]), m->col_lb[j], m->col_ub[j]);
        glp_set_obj_coef(P, j + 1, m->obj[j]);
        if (m->col_kind[j] == VC_INTEGER) {
            glp_set_col_kind(P, j + 1, GLP_IV);
            any_integer = 1;
        }
    }
    if (m->nnz > 0) glp_load_matrix(P, m->nnz, m->ia, m->ja, m->ar);
    return any_integer;
}

/// Installs the caller's starting basis; returns 1 when one was given.
static int load_basis(glp_prob *P, const vc_model *m, const vc_options *o) {
    if (o->basis_rows == NULL || o->basis_cols == NULL) return 0;
    for (int i = 0; i < m->rows; i++) glp_set_row_stat(P, i + 1, glp_basis_status(o->basis_rows[i]));
    for (int j = 0; j < m->cols; j++) glp_set_col_stat(P, j + 1, glp_basis_status(o->basis_cols[j]));
    return 1;
}

/// Solves the LP relaxation; returns the VC status and reads back its duals and basis.
static int solve_relaxation(glp_prob *P, const vc_model *m, const vc_options *o, vc_result *r, double started) {
    glp_smcp sm;
    glp_init_smcp(&sm);
    sm.msg_lev = o->log != NULL ? GLP_MSG_ON : GLP_MSG_ERR;
    int warm = load_basis(P, m, o);
    sm.presolve = (o->presolve && !warm) ? GLP_ON : GLP_OFF;
    if (o->dual_simplex) {
        sm.meth = GLP_DUALP;
        sm.r_test = GLP_RT_FLIP;
    }
    if (o->time_limit_ms > 0) sm.tm_lim = o->time_limit_ms;
    int ret = glp_simplex(P, &sm);
    if (warm && (ret == GLP_EBADB || ret == GLP_ESING || ret == GLP_ECOND)) {
        // The starting basis does not fit this model (or is singular): start from the standard one.
        glp_std_basis(P);
        if (o->time_limit_ms > 0) sm.tm_lim = milliseconds_left(o, started);
        ret = glp_simplex(P, &sm);
    }
    if (sm.presolve == GLP_ON && (ret == GLP_ENOPFS || ret == GLP_ENODFS)) {
        // The presolver only says "no primal/dual feasible solution"; solve without it for a
        // definite status.
        sm.presolve = GLP_OFF;
        if (o->time_limit_ms > 0) sm.tm_lim = milliseconds_left(o, started);
        ret = glp_simplex(P, &sm);
    }
    int status = lp_status(P, ret, r);
    r->glpk_code = ret;
    if (status == VC_STATUS_OPTIMAL) {
        r->lp_objective = glp_get_obj_val(P);
        if (r->row_duals != NULL) {
            for (int i = 0; i < m->rows; i++) r->row_duals[i] = glp_get_row_dual(P, i + 1);
            r->has_duals = 1;
        }
        if (r->col_duals != NULL) {
            for (int j = 0; j < m->cols; j++) r->col_duals[j] = glp_get_col_dual(P, j + 1);
        }
    }
    if ((status == VC_STATUS_OPTIMAL || status == VC_STATUS_FEASIBLE) && r->basis_rows_out != NULL && r->basis_cols_out != NULL) {
        for (int i = 0; i < m->rows; i++) r->basis_rows_out[i] = vc_basis_status(glp_get_row_stat(P, i + 1));
        for (int j = 0; j < m->cols; j++) r->basis_cols_out[j] = vc_basis_status(glp_get_col_stat(P, j + 1));
        r->has_basis = 1;
    }
    return status;
}

/// Runs branch and bound from the optimal relaxation; returns the VC status.
static int branch_and_bound(glp_prob *P, const vc_model *m, const vc_options *o, vc_result *r, guard_ctx *ctx, double started) {
    glp_iocp io;
    glp_init_iocp(&io);
    io.msg_lev = o->log != NULL ? GLP_MSG_ON : GLP_MSG_ERR;
    io.presolve = GLP_OFF;  // the LP relaxation is already solved to optimality
    io.mip_gap = o->mip_gap;
    io.cb_func = mip_callback;
    io.cb_info = ctx;
    io.mir_cuts = (o->cuts & VC_CUT_MIR) ? GLP_ON : GLP_OFF;
    io.gmi_cuts = (o->cuts & VC_CUT_GOMORY) ? GLP_ON : GLP_OFF;
    io.cov_cuts = (o->cuts & VC_CUT_COVER) ? GLP_ON : GLP_OFF;
    io.clq_cuts = (o->cuts & VC_CUT_CLIQUE) ? GLP_ON : GLP_OFF;
    io.sr_heur = (o->heuristics & VC_HEUR_ROUNDING) ? GLP_ON : GLP_OFF;
    io.fp_heur = (o->heuristics & VC_HEUR_PUMP) ? GLP_ON : GLP_OFF;
    io.ps_heur = (o->heuristics & VC_HEUR_PROXIMITY) ? GLP_ON : GLP_OFF;
    if (o->branching == VC_BRANCH_PSEUDOCOST) io.br_tech = GLP_BR_PCH;
    if (o->branching == VC_BRANCH_MOST_FRACTIONAL) io.br_tech = GLP_BR_MFV;
    if (o->selection == VC_SELECT_DEPTH_FIRST) io.bt_tech = GLP_BT_DFS;
    if (o->selection == VC_SELECT_BEST_PROJECTION) io.bt_tech = GLP_BT_BPH;
    if (o->time_limit_ms > 0) io.tm_lim = milliseconds_left(o, started);
    int ret = glp_intopt(P, &io);
    r->glpk_code = ret;
    r->interrupted = ctx->interrupted;
    r->start_accepted = ctx->start_accepted;
    int mst = glp_mip_status(P);
    int found = mst == GLP_FEAS || mst == GLP_OPT;
    int status;
    if (ret == 0 && mst == GLP_OPT) {
        status = VC_STATUS_OPTIMAL;
    } else if (ret == 0 && mst == GLP_NOFEAS) {
        status = VC_STATUS_INFEASIBLE;
    } else if (ret == GLP_EMIPGAP && found && !ctx->interrupted) {
        status = VC_STATUS_OPTIMAL;  // optimal within the requested relative gap
    } else if (ret == GLP_ETMLIM || ret == GLP_EMIPGAP || ret == GLP_ESTOP) {
        status = found ? VC_STATUS_FEASIBLE : VC_STATUS_NO_SOLUTION;
    } else {
        set_error(r, "branch and bound failed", ret);
        return VC_STATUS_ERROR;
    }
    if (status == VC_STATUS_OPTIMAL || status == VC_STATUS_FEASIBLE) {
        r->objective = glp_mip_obj_val(P);
        if (ret == 0) {
            r->bound = r->objective;  // the tree was searched to the end
        } else if (ctx->have_bound) {
            r->bound = ctx->bound;
        } else {
            r->bound = r->lp_objective;
        }
        if (r->col_values != NULL)
            for (int j = 0; j < m->cols; j++) r->col_values[j] = glp_mip_col_val(P, j + 1);
    } else if (status == VC_STATUS_NO_SOLUTION) {
        r->bound = ctx->have_bound ? ctx->bound : r->lp_objective;
    }
    return status;
}

// MARK: Entry

static int solve_guarded(const vc_model *m, const vc_options *o, vc_result *r, guard_ctx *ctx);

int vc_solve(const vc_model *m, const vc_options *o, vc_result *r) {
    guard_ctx ctx;
    memset(&ctx, 0, sizeof(ctx));
    ctx.log = o->log;
    ctx.log_ctx = o->log_ctx;
    ctx.options = o;
    double *start = NULL;
    if (o->start != NULL && m->cols > 0) {
        // GLPK takes the solution 1-based; allocated here, outside the guarded scope.
        start = (double *)malloc(sizeof(double) * (size_t)(m->cols + 1));
        if (start == NULL) {
            snprintf(r->error, sizeof(r->error), "out of memory for the start solution");
            r->status = VC_STATUS_ERROR;
            return r->status;
        }
        start[0] = 0;
        memcpy(start + 1, o->start, sizeof(double) * (size_t)m->cols);
        ctx.start = start;
    }
    active_ctx = &ctx;
    int status = solve_guarded(m, o, r, &ctx);
    active_ctx = NULL;  // it pointed into this frame
    free(start);
    return status;
}

/// Clears everything the guard reports, so that a failure leaves no value of an earlier solve.
static void reset_result(vc_result *r) {
    r->status = VC_STATUS_ERROR;
    r->glpk_code = 0;
    r->is_mip = 0;
    r->has_duals = 0;
    r->has_basis = 0;
    r->interrupted = 0;
    r->start_accepted = 0;
    r->objective = 0;
    r->bound = 0;
    r->lp_objective = 0;
    r->error[0] = '\0';
}

/// The result when branch and bound does not run (an LP, or a MIP whose relaxation ended without
/// an optimum): the relaxation's solution, if it has one, is the answer.
static int lp_result(glp_prob *P, const vc_model *m, vc_result *r, int any_integer, int status) {
    if (any_integer && status == VC_STATUS_FEASIBLE) {
        // Time ran out in the LP relaxation: no integer solution is known.
        status = VC_STATUS_NO_SOLUTION;
    }
    if (status == VC_STATUS_OPTIMAL || status == VC_STATUS_FEASIBLE) {
        r->objective = glp_get_obj_val(P);
        r->bound = status == VC_STATUS_OPTIMAL ? r->objective : (m->minimize ? -1e308 : 1e308);
        if (r->col_values != NULL)
            for (int j = 0; j < m->cols; j++) r->col_values[j] = glp_get_col_prim(P, j + 1);
    }
    return status;
}

/// Frees P and the thread's GLPK environment; returns the status reported.
static int release(glp_prob *P, vc_result *r) {
    glp_delete_prob(P);
    glp_free_env();
    return r->status;
}

static int solve_guarded(const vc_model *m, const vc_options *o, vc_result *r, guard_ctx *ctx) {
    reset_result(r);
    glp_prob *volatile P = NULL;
    glp_term_hook(term_hook, ctx);
    glp_error_hook(error_hook, ctx);
    if (setjmp(ctx->jump) != 0) {
        // GLPK detected an error. Its message went through term_hook into ctx->tail.
        glp_free_env();  // frees P and every other GLPK object of this thread
        snprintf(r->error, sizeof(r->error), "GLPK error: %s", ctx->tail_len ? ctx->tail : "(no message)");
        r->status = VC_STATUS_ERROR;
        return r->status;
    }

    P = glp_create_prob();
    int any_integer = load_model(P, m);
    r->is_mip = any_integer;
    if (o->lp_path != NULL) {
        int wret = glp_write_lp(P, NULL, o->lp_path);
        if (wret != 0) {
            set_error(r, "could not write the LP file", wret);
            return release(P, r);
        }
    }
    if (!o->solve) {
        r->status = VC_STATUS_WRITTEN;
        return release(P, r);
    }

    double started = glp_time();
    int status = solve_relaxation(P, m, o, r, started);
    if (any_integer && status == VC_STATUS_OPTIMAL) {
        r->status = branch_and_bound(P, m, o, r, ctx, started);
    } else {
        r->status = lp_result(P, m, r, any_integer, status);
    }
    return release(P, r);
}

const char *vc_glpk_version(void) {
    // glp_version() needs no environment beyond what it creates; free it again.
    static _Thread_local char buffer[32];
    snprintf(buffer, sizeof(buffer), "%s", glp_version());
    glp_free_env();
    return buffer;
}
