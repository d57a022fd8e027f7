# Read by ctest after the discovered doctest cases (tests/CMakeLists.txt adds it to
# TEST_INCLUDE_FILES after doctest_discover_tests): cases that must run alone. The broken-input
# corpus holds each case to a CPU-time limit (broken_corpus_test.cpp); run beside other tests
# under `ctest -j`, its CPU time grows with the contention for caches and cores, so it runs
# serially: ctest starts it when nothing else runs, and nothing else until it ends.
foreach(test IN LISTS ungegaranti_tests_TESTS)
  if(test MATCHES "^broken-input corpus")
    set_tests_properties("${test}" PROPERTIES RUN_SERIAL TRUE)
  endif()
endforeach()
