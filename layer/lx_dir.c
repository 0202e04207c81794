/*
 * layer/lx_dir.c: (being written)
 */
#include "layer/lx.h"
