// Debian's libglpk-dev ships no pkg-config file; the header lives in /usr/include.
#include <glpk.h>
