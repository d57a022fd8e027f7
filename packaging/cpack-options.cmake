# Read by cpack for each generator (CPACK_PROJECT_CONFIG_FILE). Without dpkg-shlibdeps, CPack
# would quietly build a .deb with no Depends line, so stop instead.
if(CPACK_GENERATOR STREQUAL "DEB")
  find_program(DPKG_SHLIBDEPS_EXECUTABLE dpkg-shlibdeps)
  if(NOT DPKG_SHLIBDEPS_EXECUTABLE)
    message(FATAL_ERROR "cpack -G DEB needs dpkg-shlibdeps to find the package's dependencies "
                        "(apt-get install dpkg-dev)")
  endif()
endif()
