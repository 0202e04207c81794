/*
 * layer/lx_misc.c: (being written)
 */
#include "layer/lx.h"
