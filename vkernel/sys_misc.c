/*
 * vkernel/sys_misc.c: (being written)
 */
#include "config.h"

#include "vkernel/kernel.h"
#include "vk_sysproto.h"
