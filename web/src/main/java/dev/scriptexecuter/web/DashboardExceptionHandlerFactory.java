package dev.scriptexecuter.web;

import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;

/** Hands Faces our {@link DashboardExceptionHandler} (registered in faces-config.xml). */
public class DashboardExceptionHandlerFactory extends ExceptionHandlerFactory {

    public DashboardExceptionHandlerFactory(ExceptionHandlerFactory wrapped) {
        super(wrapped);
    }

    @Override
    public ExceptionHandler getExceptionHandler() {
        return new DashboardExceptionHandler(getWrapped().getExceptionHandler());
    }
}
