// Provides std::ios_base_library_init() (GLIBCXX_3.4.32, GCC 13) for systems whose libstdc++
// is older. libLibTorchSharp.so references it only to force iostream initialisation, which a
// static std::ios_base::Init does just as well.
#include <ios>

namespace std {
void ios_base_library_init() {
    static ios_base::Init init;
}
}
