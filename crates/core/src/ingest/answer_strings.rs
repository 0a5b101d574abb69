//! Answer strings of regional exam-centre protocols (ОГЭ/ЕГЭ): `++-+0-1` for short answers and
//! `1(1)0(2)` for long ones, expanded into one task column per answer.
