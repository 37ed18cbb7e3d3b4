package com.example.modular.model;

/** A row the application appends and reads back: its package is not exported, only opened to the library. */
public record Visit(long id, String page) {
}
