/*
 * vkernel/sys_dir.c: (being written)
 */
#include "config.h"

#include "vkernel/kernel.h"
#include "vk_sysproto.h"
