package dev.ratchet.edit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EditDistanceTest {
  @Test
  void countsInsertionsDeletionsAndSubstitutions_caseSensitive() {
    assertThat(EditDistance.between("apply_patch", "apply_patch")).isZero();
    assertThat(EditDistance.between("aply_patch", "apply_patch")).isEqualTo(1);
    assertThat(EditDistance.between("kitten", "sitting")).isEqualTo(3);
    assertThat(EditDistance.between("", "edit")).isEqualTo(4);
    assertThat(EditDistance.between("Edit", "edit")).isEqualTo(1);
  }
}
