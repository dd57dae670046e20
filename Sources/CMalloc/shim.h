// glibc's malloc tuning (mallopt), used by KusariCore's MemoryReuse.swift. Part of libc: nothing to link.
#include <malloc.h>
