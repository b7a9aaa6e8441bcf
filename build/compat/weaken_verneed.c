/* Marks one symbol-version requirement (e.g. GLIBCXX_3.4.32) of an ELF64 shared library as weak
 * (VER_FLG_WEAK in its Elf64_Vernaux entry), so the dynamic loader accepts a libstdc++ that
 * lacks that version. Usage: weaken_verneed <file.so> <version-name>. Idempotent.
 * Exit codes: 0 patched or already weak, 1 version not found, 2 bad input. */
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: weaken_verneed <file.so> <version>\n"); return 2; }
    FILE *f = fopen(argv[1], "r+b");
    if (!f) { perror(argv[1]); return 2; }
    fseek(f, 0, SEEK_END); long size = ftell(f); fseek(f, 0, SEEK_SET);
    unsigned char *buf = malloc(size);
    if (!buf || fread(buf, 1, size, f) != (size_t)size) { fprintf(stderr, "%s: read failed\n", argv[1]); return 2; }
    Elf64_Ehdr *eh = (Elf64_Ehdr *)buf;
    if (memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0 || eh->e_ident[EI_CLASS] != ELFCLASS64) {
        fprintf(stderr, "%s: not an ELF64 file\n", argv[1]); return 2;
    }
    Elf64_Shdr *sh = (Elf64_Shdr *)(buf + eh->e_shoff);
    for (int i = 0; i < eh->e_shnum; i++) {
        if (sh[i].sh_type != SHT_GNU_verneed) continue;
        const char *strtab = (const char *)(buf + sh[sh[i].sh_link].sh_offset);
        unsigned long off = sh[i].sh_offset;
        for (;;) {
            Elf64_Verneed *vn = (Elf64_Verneed *)(buf + off);
            unsigned long aoff = off + vn->vn_aux;
            for (int j = 0; j < vn->vn_cnt; j++) {
                Elf64_Vernaux *va = (Elf64_Vernaux *)(buf + aoff);
                if (strcmp(strtab + va->vna_name, argv[2]) == 0) {
                    if (!(va->vna_flags & VER_FLG_WEAK)) {
                        va->vna_flags |= VER_FLG_WEAK;
                        fseek(f, (long)((unsigned char *)&va->vna_flags - buf), SEEK_SET);
                        fwrite(&va->vna_flags, sizeof va->vna_flags, 1, f);
                    }
                    fclose(f);
                    return 0;
                }
                if (!va->vna_next) break;
                aoff += va->vna_next;
            }
            if (!vn->vn_next) break;
            off += vn->vn_next;
        }
    }
    fclose(f);
    fprintf(stderr, "%s: no version requirement named %s\n", argv[1], argv[2]);
    return 1;
}
