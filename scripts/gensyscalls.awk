# scripts/gensyscalls.awk: generate the message ABI from vkernel/syscalls.master.
#
# Usage: awk -v outdir=DIR -f scripts/gensyscalls.awk vkernel/syscalls.master [layer/linux.master]
# Writes DIR/vk_sysmsg.h, vk_sysent.c, vk_sysproto.h (the kernel's), ly_gen.h,
# ly_gen.c, ly_slots.S (the native layer's), vk_stubs.S and ly_raw.S (the
# SDK's: the stub section, and vkcc --no-layer's direct calls) and, with
# the Linux prototype file, lx_gen.c (the personality's table) and vk_lxent.c
# (the kernel's Linux call names for --trace).  The input formats are
# described at the top of each prototype file.  Any malformed line stops
# the generator with "FILE:LINE: problem" on stderr and exit status 1, before
# anything is written.  Portable awk (mawk, gawk, busybox awk).

function fail(msg) {
	printf("%s:%d: %s\n", FILENAME, FNR, msg) > "/dev/stderr"
	failed = 1
	exit 1
}

function trim(s) {
	sub(/^[ \t]+/, "", s)
	sub(/[ \t]+$/, "", s)
	return s
}

function is_ident(s) {
	return s ~ /^[A-Za-z_][A-Za-z0-9_]*$/
}

# Parse "TYPE NAME, TYPE NAME" into fields of command n; kind is "in" or "out".
function parse_fields(n, text, kind,    parts, np, i, f, words, nw, type, name, lenarg, j) {
	text = trim(text)
	if (kind == "in" && text == "void")
		return
	if (text == "")
		fail("empty " (kind == "in" ? "argument" : "output") " list (write void for none)")
	np = split(text, parts, ",")
	for (i = 1; i <= np; i++) {
		f = trim(parts[i])
		nw = split(f, words, /[ \t]+/)
		if (nw != 2)
			fail("field '" f "' is not 'TYPE NAME'")
		type = words[1]; name = words[2]
		lenarg = ""
		if (kind == "in" && match(type, /^(inbuf|outbuf)\(/)) {
			if (type !~ /^(inbuf|outbuf)\([A-Za-z_][A-Za-z0-9_]*\)$/)
				fail("malformed buffer type '" type "'")
			lenarg = type
			sub(/^[a-z]+\(/, "", lenarg)
			sub(/\)$/, "", lenarg)
			sub(/\(.*$/, "", type)
		}
		if (kind == "in" && !(type in argtype))
			fail("unknown argument type '" type "'")
		if (kind == "out" && !(type in outtype))
			fail("unknown output type '" type "'")
		if (!is_ident(name))
			fail("field name '" name "' is not an identifier")
		if (name == "hdr")
			fail("field name 'hdr' is reserved for the message header")
		for (j = 1; j <= nf[n]; j++)
			if (fname[n, j] == name)
				fail("field '" name "' appears twice")
		nf[n]++
		fname[n, nf[n]] = name
		ftype[n, nf[n]] = type
		flen[n, nf[n]] = lenarg
		fout[n, nf[n]] = (kind == "out")
		if (kind == "in")
			nin[n]++
	}
}

function check_lengths(n,    i, j, found) {
	for (i = 1; i <= nf[n]; i++) {
		if (flen[n, i] == "")
			continue
		found = 0
		for (j = 1; j <= nin[n]; j++)
			if (fname[n, j] == flen[n, i] && ftype[n, j] == "size")
				found = 1
		if (!found)
			fail("buffer '" fname[n, i] "' names length '" flen[n, i] "', which is not a size argument of this command")
	}
	if (nin[n] > 6)
		fail("more than 6 arguments")
}

BEGIN {
	split("int uint hex fd size off ptr path inbuf outbuf oflags mode whence clockid prot mapflags", a, " ")
	for (i in a) argtype[a[i]] = 1
	split("s32 u32 s64", a, " ")
	for (i in a) outtype[a[i]] = 1
	split("none int fd ssize off ptr", a, " ")
	for (i in a) restype[a[i]] = 1
	ncmd = 0
	nkabi = 0
	nabis = 0
	maxnum = 0
	nstub = 0
	maxslot = -1
	nlx = 0
	maxlx = -1
	MAXSLOTS = 512		# 4096-byte stub page / 8-byte slots
	if (outdir == "")
		outdir = "."
}

FNR == 1 {
	if (firstfile == "")
		firstfile = FILENAME
	else if (FILENAME != firstfile)
		lxfile = FILENAME
}

/^[ \t]*(#|$)/ { next }

# linux NR NAME KIND ARGS: one Linux i386 system call of the personality.
$1 == "linux" {
	if (NF < 5)
		fail("expected: linux NR NAME KIND ARGS")
	if ($2 !~ /^[0-9]+$/ || $2 + 0 >= 512)
		fail("Linux call number '" $2 "' is not in 0..511")
	if (($2 + 0) in lxname)
		fail("Linux call number " $2 " is already '" lxname[$2 + 0] "'")
	if (!is_ident($3))
		fail("Linux call name '" $3 "' is not an identifier")
	if ($4 != "layer" && $4 != "enosys" && $4 !~ /^msg=[A-Za-z_][A-Za-z0-9_]*$/)
		fail("kind '" $4 "' is not msg=COMMAND, layer or enosys")
	nlx++
	lxnr[nlx] = $2 + 0; lxnm[nlx] = $3; lxkind[nlx] = $4; lxline[nlx] = FNR
	lxname[$2 + 0] = $3
	if ($2 + 0 > maxlx)
		maxlx = $2 + 0
	rest = $0
	for (i = 1; i <= 4; i++) {
		sub(/^[ \t]*[^ \t]+/, "", rest)
	}
	rest = trim(rest)
	# Arguments for the trace: "-" takes those of the message (msg=CMD).
	lxargs[nlx] = rest
	if (rest != "-") {
		n = "lx" nlx
		nf[n] = 0; nin[n] = 0
		parse_fields(n, rest, "in")
		check_lengths(n)
		for (i = 1; i <= nf[n]; i++)
			if (ftype[n, i] == "off")
				fail("64-bit argument in a Linux call: describe its two words as uint")
	} else if ($4 !~ /^msg=/)
		fail("'-' (the message's arguments) needs kind msg=COMMAND")
	next
}

# kabi N NAME NUMBER|-: in kernel ABI N, command NAME has wire number NUMBER,
# or does not exist (-).  Checked at the end, when every command is known.
$1 == "kabi" {
	if (NF != 4)
		fail("expected: kabi N NAME NUMBER|-")
	if ($2 !~ /^[1-9]$/)
		fail("kernel ABI '" $2 "' is not in 1..9")
	if (!is_ident($3))
		fail("command name '" $3 "' is not an identifier")
	if ($4 != "-" && ($4 !~ /^[0-9]+$/ || $4 + 0 < 1 || $4 + 0 > 255))
		fail("wire number '" $4 "' is not in 1..255 or -")
	if (($2, $3) in kabiset)
		fail("kernel ABI " $2 " numbers '" $3 "' twice")
	nkabi++
	kbabi[nkabi] = $2 + 0; kbname[nkabi] = $3; kbnum[nkabi] = $4; kbline[nkabi] = FNR
	kabiset[$2, $3] = 1
	if ($2 + 0 > nabis)
		nabis = $2 + 0
	next
}

# stub SLOT NAME SYMBOL KIND: one slot of the program ABI's stub table.
$1 == "stub" {
	if (NF != 5)
		fail("expected: stub SLOT NAME SYMBOL msg|layer")
	if ($2 !~ /^[0-9]+$/ || $2 + 0 >= MAXSLOTS)
		fail("stub slot '" $2 "' is not in 0.." (MAXSLOTS - 1))
	if (($2 + 0) in slotname)
		fail("stub slot " $2 " is already used by '" slotname[$2 + 0] "'")
	if (!is_ident($3) || !is_ident($4))
		fail("stub name and symbol must be identifiers")
	if ($3 in stubseen)
		fail("stub '" $3 "' appears twice")
	if ($5 != "msg" && $5 != "layer")
		fail("stub kind '" $5 "' is neither msg (a message wrapper) nor layer (hand-written)")
	nstub++
	stslot[nstub] = $2 + 0; stname[nstub] = $3; stsym[nstub] = $4; stkind[nstub] = $5
	stline[nstub] = FNR
	slotname[$2 + 0] = $3
	stubseen[$3] = 1
	if ($2 + 0 > maxslot)
		maxslot = $2 + 0
	next
}

{
	line = $0
	outs = ""
	if (index(line, "->") > 0) {
		outs = substr(line, index(line, "->") + 2)
		line = substr(line, 1, index(line, "->") - 1)
		if (trim(outs) == "")
			fail("'->' with no outputs after it")
	}
	line = trim(line)
	num = line; sub(/[ \t].*$/, "", num); line = trim(substr(line, length(num) + 1))
	name = line; sub(/[ \t].*$/, "", name); line = trim(substr(line, length(name) + 1))
	res = line; sub(/[ \t].*$/, "", res); line = trim(substr(line, length(res) + 1))
	if (num !~ /^[0-9]+$/ || num + 0 < 1 || num + 0 > 255)
		fail("command number '" num "' is not in 1..255")
	num = num + 0
	if (num in byname_num)
		fail("command number " num " is already used by '" byname_num[num] "'")
	if (!is_ident(name))
		fail("command name '" name "' is not an identifier")
	if (name in seen)
		fail("command name '" name "' appears twice")
	if (!(res in restype))
		fail("unknown result type '" res "'")
	if (line == "")
		fail("missing arguments (write void for none)")
	ncmd++
	cnum[ncmd] = num; cname[ncmd] = name; cres[ncmd] = res
	nf[ncmd] = 0; nin[ncmd] = 0
	byname_num[num] = name
	seen[name] = 1
	parse_fields(ncmd, line, "in")
	if (outs != "")
		parse_fields(ncmd, outs, "out")
	check_lengths(ncmd)
	if (num > maxnum)
		maxnum = num
}

function ctype(t) {
	if (t == "off" || t == "s64") return "int64_t"
	if (t == "int" || t == "fd" || t == "s32") return "int32_t"
	return "uint32_t"
}

function fsize(t) {
	return (t == "off" || t == "s64") ? 8 : 4
}

function ttag(t) {
	return "VK_T_" toupper(t)
}

# Lay out command n: header is 32 bytes; 8-byte fields 8-aligned; the total is
# padded to 8 so i386 and x86_64 compilers agree on every offset and size.
function layout(n,    i, off, sz) {
	off = 32
	npad[n] = 0
	for (i = 1; i <= nf[n]; i++) {
		sz = fsize(ftype[n, i])
		pad[n, i] = 0
		if (sz == 8 && off % 8 != 0) {
			pad[n, i] = 4
			off += 4
		}
		foff[n, i] = off
		off += sz
	}
	tailpad[n] = (off % 8) ? 4 : 0
	msize[n] = off + tailpad[n]
	outoff[n] = msize[n]
	for (i = 1; i <= nf[n]; i++)
		if (fout[n, i] && foff[n, i] < outoff[n])
			outoff[n] = foff[n, i]
}

function emit_header(f,    n, i, padno) {
	print "/* vk_sysmsg.h: GENERATED from vkernel/syscalls.master by scripts/gensyscalls.awk; do not edit. */" > f
	print "#ifndef VK_SYSMSG_H" > f
	print "#define VK_SYSMSG_H" > f
	print "" > f
	print "#include \"vkernel/vk_abi.h\"" > f
	print "" > f
	printf("#define VK_SYS_NSLOTS\t%d\t/* table size: highest command + 1 */\n", maxnum + 1) > f
	printf("#define VK_NSTUBS\t%d\t/* stub slots of the program ABI */\n", maxslot + 1) > f
	printf("#define VK_LX_NCALLS\t%d\t/* Linux call numbers the personality knows */\n", maxlx + 1 > 0 ? maxlx + 1 : 1) > f
	printf("#define VK_KERNEL_ABIS\t%d\t/* kernel ABIs 1..VK_KERNEL_ABIS */\n", nabis) > f
	printf("#define VK_SYS_NWIRE\t%d\t/* wire numbers: highest in any kernel ABI + 1 */\n", maxwire + 1) > f
	print "" > f
	print "/*" > f
	print " * VK_SYS_x: a command's identity, its number in the prototype file (the" > f
	print " * kernel's tables are indexed by it); or, where VK_KERNEL_ABI is defined (a" > f
	print " * layer image, raw stubs), its wire number in that kernel ABI, undefined for" > f
	print " * a command that ABI does not have." > f
	print " */" > f
	print "#ifndef VK_KERNEL_ABI" > f
	for (n = 1; n <= ncmd; n++)
		printf("#define VK_SYS_%s\t%d\n", cname[n], cnum[n]) > f
	for (ab = 1; ab <= nabis; ab++) {
		printf("#elif VK_KERNEL_ABI == %d\n", ab) > f
		for (n = 1; n <= ncmd; n++)
			if (wire[ab, n] > 0)
				printf("#define VK_SYS_%s\t%d\n", cname[n], wire[ab, n]) > f
	}
	print "#else" > f
	print "#error \"VK_KERNEL_ABI names a kernel ABI the prototype file does not describe\"" > f
	print "#endif" > f
	for (n = 1; n <= ncmd; n++) {
		print "" > f
		printf("struct vk_msg_%s {\n\tstruct vk_msghdr\thdr;\n", cname[n]) > f
		padno = 0
		for (i = 1; i <= nf[n]; i++) {
			if (pad[n, i])
				printf("\tuint32_t\t_pad%d;\n", padno++) > f
			printf("\t%s\t\t%s;\t/* %s%s%s */\n", ctype(ftype[n, i]), fname[n, i],
			    fout[n, i] ? "out " : "", ftype[n, i],
			    flen[n, i] != "" ? "(" flen[n, i] ")" : "") > f
		}
		if (tailpad[n])
			printf("\tuint32_t\t_pad%d;\n", padno++) > f
		print "};" > f
		printf("VK_STATIC_ASSERT(sizeof(struct vk_msg_%s) == %d, \"vk_msg_%s size\");\n",
		    cname[n], msize[n], cname[n]) > f
		for (i = 1; i <= nf[n]; i++)
			printf("VK_STATIC_ASSERT(__builtin_offsetof(struct vk_msg_%s, %s) == %d, \"vk_msg_%s.%s offset\");\n",
			    cname[n], fname[n, i], foff[n, i], cname[n], fname[n, i]) > f
	}
	print "" > f
	print "#endif" > f
	close(f)
}

function emit_proto(f,    n) {
	print "/* vk_sysproto.h: GENERATED from vkernel/syscalls.master by scripts/gensyscalls.awk; do not edit. */" > f
	print "#ifndef VK_SYSPROTO_H" > f
	print "#define VK_SYSPROTO_H" > f
	print "" > f
	print "#include \"vk_sysmsg.h\"" > f
	print "" > f
	print "struct vk_proc;" > f
	print "" > f
	print "/* Handlers: validate, act, set m->hdr.ms_result; return 0 or a guest errno. */" > f
	for (n = 1; n <= ncmd; n++)
		printf("int vk_sys_%s(struct vk_proc *p, struct vk_msg_%s *m);\n", cname[n], cname[n]) > f
	print "" > f
	print "#endif" > f
	close(f)
}

function emit_table(f,    n, i, j, k, lenidx) {
	print "/* vk_sysent.c: GENERATED from vkernel/syscalls.master by scripts/gensyscalls.awk; do not edit. */" > f
	print "#include \"config.h\"" > f
	print "" > f
	print "#include <stddef.h>" > f
	print "" > f
	print "#include \"vkernel/sysent.h\"" > f
	print "#include \"vk_sysproto.h\"" > f
	print "" > f
	print "/* Typed thunks: the table calls these, each calls its handler with its own message type. */" > f
	for (n = 1; n <= ncmd; n++)
		printf("static int\ncall_%s(struct vk_proc *p, void *m)\n{\n\treturn vk_sys_%s(p, (struct vk_msg_%s *)m);\n}\n\n",
		    cname[n], cname[n], cname[n]) > f
	for (n = 1; n <= ncmd; n++) {
		printf("static const struct vk_sysarg args_%s[] = {\n", cname[n]) > f
		for (i = 1; i <= nf[n]; i++) {
			lenidx = -1
			for (j = 1; j <= nin[n]; j++)
				if (flen[n, i] != "" && fname[n, j] == flen[n, i])
					lenidx = j - 1
			printf("\t{ \"%s\", %s, %d, %d, %d },\n", fname[n, i], ttag(ftype[n, i]),
			    foff[n, i], lenidx, fout[n, i]) > f
		}
		if (nf[n] == 0)
			print "\t{ NULL, 0, 0, -1, 0 }," > f
		print "};" > f
	}
	print "" > f
	printf("const struct vk_sysent vk_sysent[VK_SYS_NSLOTS] = {\n") > f
	for (i = 0; i <= maxnum; i++)
		slot[i] = 0
	for (n = 1; n <= ncmd; n++)
		slot[cnum[n]] = n
	for (i = 0; i <= maxnum; i++) {
		n = slot[i]
		if (n == 0) {
			printf("\t[%d] = { \"#%d\", NULL, 0, 0, 0, 0, NULL, VK_R_INT },\n", i, i) > f
			continue
		}
		printf("\t[%d] = { \"%s\", call_%s, %d, %d, %d, %d, args_%s, VK_R_%s },\n",
		    i, cname[n], cname[n], msize[n], outoff[n], nin[n], nf[n], cname[n], toupper(cres[n])) > f
	}
	print "};" > f
	print "" > f
	print "/* Each kernel ABI's wire numbers: the command identity (0: none). */" > f
	printf("const uint16_t vk_cmdmap[VK_KERNEL_ABIS + 1][VK_SYS_NWIRE] = {\n") > f
	for (ab = 1; ab <= nabis; ab++) {
		printf("\t[%d] = {", ab) > f
		for (n = 1; n <= ncmd; n++)
			if (wire[ab, n] > 0)
				printf(" [%d] = %d,", wire[ab, n], cnum[n]) > f
		print " }," > f
	}
	print "};" > f
	print "" > f
	print "/* Names of the program ABI's stub slots, for --stats (NULL: unused slot). */" > f
	printf("const char *const vk_stubnames[VK_NSTUBS] = {\n") > f
	for (k = 1; k <= nstub; k++)
		printf("\t[%d] = \"%s\",\n", stslot[k], stname[k]) > f
	print "};" > f
	close(f)
}

function wtype(t) {		# C type of a wrapper argument
	if (t == "off") return "int64_t"
	if (t == "int" || t == "fd") return "int32_t"
	return "uint32_t"
}

function rtype(r) {		# C type of a wrapper result
	if (r == "none") return "void"
	if (r == "off") return "int64_t"
	if (r == "ptr") return "uint32_t"
	return "int32_t"
}

# The Linux personality's table (layer side): lx_table[NR] is the handler of
# Linux call NR; "msg" calls get a generated handler that fills the command's
# message from the Linux registers in order and returns -errno on failure.
function emit_lx_c(f,    k, n, i, nr, h) {
	print "/* lx_gen.c: GENERATED from layer/linux.master by scripts/gensyscalls.awk; do not edit. */" > f
	print "#include \"layer/lx.h\"" > f
	for (k = 1; k <= nlx; k++) {
		if (lxkind[k] !~ /^msg=/)
			continue
		n = lxcmd[k]
		print "" > f
		printf("static int32_t\nlxm_%s(uint32_t a1, uint32_t a2, uint32_t a3, uint32_t a4, uint32_t a5, uint32_t a6)\n{\n", lxnm[k]) > f
		printf("\tstruct vk_msg_%s m;\n\n\t(void)a1; (void)a2; (void)a3; (void)a4; (void)a5; (void)a6;\n", cname[n]) > f
		printf("\tly_hdr(&m.hdr, VK_SYS_%s, sizeof(m));\n", cname[n]) > f
		for (i = 1; i <= nin[n]; i++)
			printf("\tm.%s = (%s)a%d;\n", fname[n, i], ctype(ftype[n, i]), i) > f
		printf("\treturn (int32_t)lx_call(&m.hdr);\n}\n") > f
	}
	print "" > f
	print "/* Hand-written in layer/lx_*.c. */" > f
	for (k = 1; k <= nlx; k++)
		if (lxkind[k] == "layer")
			printf("LX_DECL(%s);\n", lxnm[k]) > f
	print "" > f
	printf("const lx_fn lx_table[LX_NCALLS] = {\n") > f
	for (k = 1; k <= nlx; k++) {
		if (lxkind[k] ~ /^msg=/)
			h = "lxm_" lxnm[k]
		else if (lxkind[k] == "layer")
			h = "lx_" lxnm[k]
		else
			continue
		printf("\t[%d] = %s,\n", lxnr[k], h) > f
	}
	print "};" > f
	close(f)
}

# The kernel's names and argument types of Linux calls, for --trace.
function emit_lx_names(f,    k, i, n, src, cnt) {
	print "/* vk_lxent.c: GENERATED from layer/linux.master by scripts/gensyscalls.awk; do not edit. */" > f
	print "#include \"config.h\"" > f
	print "" > f
	print "#include <stddef.h>" > f
	print "" > f
	print "#include \"vkernel/sysent.h\"" > f
	print "" > f
	for (k = 1; k <= nlx; k++) {
		src = lxargs[k] == "-" ? lxcmd[k] : "lx" k
		cnt = lxargs[k] == "-" ? nin[src] : nf[src]
		printf("static const struct vk_sysarg lxargs_%s[] = {\n", lxnm[k]) > f
		for (i = 1; i <= cnt; i++)
			printf("\t{ \"%s\", %s, %d, %d, 0 },\n", fname[src, i], ttag(ftype[src, i]), 4 * (i - 1),
			    lxlenidx(src, i)) > f
		if (cnt == 0)
			print "\t{ NULL, 0, 0, -1, 0 }," > f
		print "};" > f
		lxcnt[k] = cnt
	}
	print "" > f
	printf("const struct vk_lxent vk_lxent[VK_LX_NCALLS] = {\n") > f
	for (k = 1; k <= nlx; k++)
		printf("\t[%d] = { \"%s\", %d, lxargs_%s, %d },\n", lxnr[k], lxnm[k], lxcnt[k], lxnm[k],
		    lxkind[k] == "enosys") > f
	print "};" > f
	close(f)
}

function lxlenidx(src, i,    j) {
	if (flen[src, i] == "")
		return -1
	for (j = 1; j <= nin[src]; j++)
		if (fname[src, j] == flen[src, i])
			return j - 1
	return -1
}

function emit_layer_h(f,    k) {
	print "/* ly_gen.h: GENERATED from vkernel/syscalls.master by scripts/gensyscalls.awk; do not edit. */" > f
	print "#ifndef LY_GEN_H" > f
	print "#define LY_GEN_H" > f
	print "" > f
	printf("#define LY_NSLOTS\t%d\t/* stub slots in program ABI 1 */\n", maxslot + 1) > f
	for (k = 1; k <= nstub; k++)
		printf("#define LY_SLOT_%s\t%d\n", stname[k], stslot[k]) > f
	printf("#define LX_NCALLS\t%d\t/* Linux call numbers 0..LX_NCALLS-1 */\n", maxlx + 1) > f
	for (k = 1; k <= nlx; k++)
		printf("#define LX_NR_%s\t%d\n", lxnm[k], lxnr[k]) > f
	print "" > f
	print "#endif" > f
	close(f)
}

# The layer's message wrappers: one function per "msg" stub, the C-ABI entry the
# stub slot jumps to.  It fills the command's message and sends it.
function emit_layer_c(f,    k, n, i, args, sep) {
	print "/* ly_gen.c: GENERATED from vkernel/syscalls.master by scripts/gensyscalls.awk; do not edit. */" > f
	print "#include \"layer/ly.h\"" > f
	for (k = 1; k <= nstub; k++) {
		if (stkind[k] != "msg")
			continue
		n = stcmd[k]
		args = ""
		sep = ""
		for (i = 1; i <= nin[n]; i++) {
			args = args sep wtype(ftype[n, i]) " " fname[n, i]
			sep = ", "
		}
		if (args == "")
			args = "void"
		print "" > f
		if (cres[n] == "none")
			printf("__attribute__((noreturn)) ") > f
		printf("%s\nly_%s(%s)\n{\n\tstruct vk_msg_%s m;\n\n", rtype(cres[n]), stname[k], args, cname[n]) > f
		printf("\tly_hdr(&m.hdr, VK_SYS_%s, sizeof(m));\n", cname[n]) > f
		for (i = 1; i <= nin[n]; i++)
			printf("\tm.%s = %s;\n", fname[n, i], fname[n, i]) > f
		if (cres[n] == "none")
			printf("\tly_call(&m.hdr);\n\tfor (;;)\n\t\t__builtin_trap();\n") > f
		else
			printf("\treturn (%s)ly_call(&m.hdr);\n", rtype(cres[n])) > f
		print "}" > f
	}
	close(f)
}

# The layer's per-slot "served in the layer" counters, then the start of
# its note section.
function emit_counts(f) {
	print "\t.bss" > f
	print "\t.balign 4" > f
	print "\t.globl ly_counts" > f
	print "ly_counts:" > f
	printf("\t.zero %d\n", 4 * (maxslot + 1)) > f
	print "\t.section .note.vkrun, \"a\", @note" > f
	print "\t.balign 4" > f
}

# The layer's slot table (every slot filled: holes get ly_nosys), its call
# counters, and the layer note the kernel reads to map it.
function emit_layer_slots(f,    i, k, entry) {
	print "/* ly_slots.S: GENERATED from vkernel/syscalls.master by scripts/gensyscalls.awk; do not edit. */" > f
	print "#include \"vkernel/vk_layer.h\"" > f
	print "\t.section .rodata" > f
	print "\t.balign 4" > f
	print "\t.globl ly_slots" > f
	print "ly_slots:" > f
	for (i = 0; i <= maxslot; i++) {
		entry = "ly_nosys"
		for (k = 1; k <= nstub; k++)
			if (stslot[k] == i)
				entry = "ly_" stname[k]
		printf("\t.long %s\n", entry) > f
	}
	emit_counts(f)
	print "\t.long 6, VK_LAYER_NOTE_DESCSZ, VK_NT_LAYER" > f
	print "\t.asciz \"vkrun\"" > f
	print "\t.balign 4" > f
	printf("\t.long LY_PROGRAM_ABI, LY_KERNEL_ABI, LY_VERSION, %d, ly_slots, ly_counts, %d\n", maxslot + 1, maxslot + 1) > f
	print "\t.section .note.GNU-stack, \"\", @progbits" > f
	close(f)
}

# For the guest SDK: the page-sized NOBITS stub section, one function symbol
# per slot (the program calls the slot; the kernel fills it), and the ABI note.
function emit_sdk_stubs(f,    k) {
	print "/* vk_stubs.S: GENERATED from vkernel/syscalls.master by scripts/gensyscalls.awk; do not edit. */" > f
	print "#include \"vkernel/vk_layer.h\"" > f
	print "\t.section .vkstubs, \"aw\", @nobits" > f
	print "\t.balign 4096" > f
	print "\t.globl __vk_stubs" > f
	print "__vk_stubs:" > f
	print "\t.skip 4096" > f
	for (k = 1; k <= nstub; k++) {
		printf("\t.globl %s\n\t.type %s, @function\n\t.set %s, __vk_stubs + %d * VK_STUB_SLOT\n",
		    stsym[k], stsym[k], stsym[k], stslot[k]) > f
	}
	print "\t.section .note.vkrun, \"a\", @note" > f
	print "\t.balign 4" > f
	print "\t.long 6, 4, VK_NT_ABI" > f
	print "\t.asciz \"vkrun\"" > f
	print "\t.balign 4" > f
	print "\t.long VK_PROGRAM_ABI" > f
	print "\t.section .note.GNU-stack, \"\", @progbits" > f
	close(f)
}

# For vkcc --no-layer: the program's own system call symbols, each jumping
# to the layer function it would reach through its stub slot, linked into
# the program with the layer's code for one kernel ABI (raw-kK.a), the
# counters that code keeps, and the "raw" note (program ABI, kernel ABI)
# that tells the kernel to map no layer.
function emit_raw_stubs(f,    k) {
	print "/* ly_raw.S: GENERATED from vkernel/syscalls.master by scripts/gensyscalls.awk; do not edit. */" > f
	print "#include \"vkernel/vk_layer.h\"" > f
	print "\t.text" > f
	for (k = 1; k <= nstub; k++)
		printf("\t.globl %s\n\t.type %s, @function\n%s:\n\tjmp ly_%s\n", stsym[k], stsym[k], stsym[k],
		    stname[k]) > f
	emit_counts(f)
	print "\t.long 6, 8, VK_NT_RAW" > f
	print "\t.asciz \"vkrun\"" > f
	print "\t.balign 4" > f
	print "\t.long VK_PROGRAM_ABI, VK_KERNEL_ABI" > f
	print "\t.section .note.GNU-stack, \"\", @progbits" > f
	close(f)
}

END {
	if (failed)
		exit 1
	if (ncmd == 0) {
		printf("%s: no commands defined\n", FILENAME) > "/dev/stderr"
		exit 1
	}
	for (n = 1; n <= ncmd; n++)
		layout(n)
	if (nabis < 1)
		nabis = 1
	# Wire numbers: the prototype's number in every kernel ABI, unless a
	# kabi line says otherwise; no two commands may share one in an ABI.
	maxwire = 0
	for (ab = 1; ab <= nabis; ab++)
		for (n = 1; n <= ncmd; n++)
			wire[ab, n] = cnum[n]
	for (k = 1; k <= nkabi; k++) {
		found = 0
		for (n = 1; n <= ncmd; n++)
			if (cname[n] == kbname[k]) {
				found = n
				wire[kbabi[k], n] = kbnum[k] == "-" ? 0 : kbnum[k] + 0
			}
		if (!found) {
			printf("%s:%d: kabi names command '%s', which does not exist\n", firstfile, kbline[k],
			    kbname[k]) > "/dev/stderr"
			exit 1
		}
	}
	for (ab = 1; ab <= nabis; ab++) {
		split("", used)
		for (n = 1; n <= ncmd; n++) {
			w = wire[ab, n]
			if (w == 0)
				continue
			if (w in used) {
				printf("%s: kernel ABI %d gives wire number %d to both '%s' and '%s'\n", firstfile, ab, w,
				    cname[used[w]], cname[n]) > "/dev/stderr"
				exit 1
			}
			used[w] = n
			if (w > maxwire)
				maxwire = w
		}
	}
	for (k = 1; k <= nstub; k++) {
		stcmd[k] = 0
		for (n = 1; n <= ncmd; n++)
			if (cname[n] == stname[k])
				stcmd[k] = n
		if (stkind[k] == "msg" && stcmd[k] == 0) {
			printf("%s:%d: stub '%s' is a message wrapper but there is no command '%s'\n",
			    FILENAME, stline[k], stname[k], stname[k]) > "/dev/stderr"
			exit 1
		}
	}
	emit_header(outdir "/vk_sysmsg.h")
	emit_proto(outdir "/vk_sysproto.h")
	emit_table(outdir "/vk_sysent.c")
	for (k = 1; k <= nlx; k++) {
		if (lxkind[k] !~ /^msg=/)
			continue
		cmd = substr(lxkind[k], 5)
		lxcmd[k] = 0
		for (n = 1; n <= ncmd; n++)
			if (cname[n] == cmd)
				lxcmd[k] = n
		if (lxcmd[k] == 0) {
			printf("%s:%d: Linux call '%s' names command '%s', which does not exist\n",
			    lxfile, lxline[k], lxnm[k], cmd) > "/dev/stderr"
			exit 1
		}
		for (i = 1; i <= nf[lxcmd[k]]; i++)
			if (ftype[lxcmd[k], i] == "off" && !fout[lxcmd[k], i]) {
				printf("%s:%d: command '%s' has a 64-bit argument: write a layer function\n",
				    lxfile, lxline[k], cmd) > "/dev/stderr"
				exit 1
			}
	}
	emit_layer_h(outdir "/ly_gen.h")
	if (nlx > 0) {
		emit_lx_c(outdir "/lx_gen.c")
		emit_lx_names(outdir "/vk_lxent.c")
	}
	emit_layer_c(outdir "/ly_gen.c")
	emit_layer_slots(outdir "/ly_slots.S")
	emit_sdk_stubs(outdir "/vk_stubs.S")
	emit_raw_stubs(outdir "/ly_raw.S")
}
