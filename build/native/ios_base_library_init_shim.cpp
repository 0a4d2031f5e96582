// GCC 13's libstdc++ exports std::ios_base_library_init() (GLIBCXX_3.4.32); objects built with it call the
// function from static initialisers so that the standard streams exist. Older libstdc++ (Debian 12) lacks
// it: this defines it, unversioned, with the same effect. See build/TorchSharpNative.targets.
#include <ios>

namespace std {
void ios_base_library_init() {
    static ios_base::Init init;
}
}
